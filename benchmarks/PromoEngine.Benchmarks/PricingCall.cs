using System.Runtime.CompilerServices;
using PromoEngine.Definitions;

namespace PromoEngine.Benchmarks;

/// <summary>
/// The one place every benchmark and the quick mode call the engine to price a cart. When the
/// allocation-free overload lands, switch this method to it and every workload follows.
/// </summary>
public static class PricingCall
{
    /// <summary>Prices <paramref name="cart"/> and returns its total (minor units, before points), which callers fold into a checksum.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Price(PricingEngine engine, CartDefinition cart) => engine.Price(cart).Total;
}
