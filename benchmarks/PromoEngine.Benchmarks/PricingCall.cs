using System.Runtime.CompilerServices;
using PromoEngine.Definitions;

namespace PromoEngine.Benchmarks;

/// <summary>
/// The one place every benchmark and the quick mode call the engine to price a cart. It uses the
/// allocation-free overload, <c>Price(cart, PricingResultBuffer)</c>, with one reused buffer per
/// thread (a buffer holds one result until its next use, so threads must not share one).
/// </summary>
public static class PricingCall
{
    [ThreadStatic]
    private static PricingResultBuffer? _buffer;

    /// <summary>Prices <paramref name="cart"/> and returns its total (minor units, before points), which callers fold into a checksum.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Price(PricingEngine engine, CartDefinition cart)
    {
        var buffer = _buffer ??= new PricingResultBuffer();
        engine.Price(cart, buffer);
        return buffer.Total;
    }

    /// <summary>The allocating overload that returns a <see cref="PricingResult"/> (a W1 variant measures it).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long PriceToResult(PricingEngine engine, CartDefinition cart) => engine.Price(cart).Total;
}
