using PromoEngine.Compilation;
using PromoEngine.Definitions;
using PromoEngine.Pricing;

namespace PromoEngine.Tests.Unit;

/// <summary>A pooled context keeps its arrays between carts, but not the arrays a huge cart grew.</summary>
public sealed class PricingContextPoolTests
{
    private static readonly RuleSetDefinition Rules = new()
    {
        Id = "pool", Version = "1", Currency = "CNY",
        Promotions = [new PromotionDefinition { Id = "d", Kind = PromotionKind.ItemDiscount, PercentOff = 10 }],
    };

    private static CartDefinition Cart(int lines) => new()
    {
        Currency = "CNY", Channel = "online", At = DateTimeOffset.Parse("2026-03-08T10:00:00+08:00"),
        Lines = Enumerable.Range(0, lines).Select(i => new CartLineDefinition { Id = $"L{i}", Sku = "A", UnitPrice = 10m, Quantity = 1 }).ToArray(),
    };

    [Theory]
    [InlineData(3, true)]
    [InlineData(4_000, true)]
    [InlineData(5_000, false)]
    public void A_context_goes_back_to_the_pool_unless_a_huge_cart_grew_it(int lines, bool kept)
    {
        var context = new PricingContext(RuleSetCompiler.Compile(Rules));
        context.Price(Cart(lines), new PricingResultBuffer());
        Assert.Equal(kept, context.Release());
    }

    [Fact]
    public void A_context_released_after_a_refused_cart_prices_the_next_one()
    {
        var context = new PricingContext(RuleSetCompiler.Compile(Rules));
        Assert.Throws<PromoValidationException>(() => context.Price(Cart(2) with { Currency = "USD" }, new PricingResultBuffer()));
        Assert.True(context.Release());
        var buffer = new PricingResultBuffer();
        context.Price(Cart(2), buffer);
        Assert.Equal(1800, buffer.Total);
    }
}
