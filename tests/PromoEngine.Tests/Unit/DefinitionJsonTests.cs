using PromoEngine.Json;
using PromoEngine.Tests.Support;

namespace PromoEngine.Tests.Unit;

public sealed class DefinitionJsonTests
{
    public static TheoryData<string> Valid()
    {
        var data = new TheoryData<string>();
        foreach (string file in Scenario.Files("Shared").Concat(Scenario.Files("Own")))
            if (Scenario.Load(file) is { ExpectErrors: null, Prices: true }) data.Add(file);
        return data;
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void Rule_sets_and_carts_round_trip_through_json(string file)
    {
        var scenario = Scenario.Load(file);
        var rules = PricingEngine.ReadRuleSet(scenario.RulesJson);
        string written = DefinitionJson.Write(rules);
        Assert.Equal(written, DefinitionJson.Write(PricingEngine.ReadRuleSet(written)));

        var cart = PricingEngine.ReadCart(scenario.CartJson);
        string cartWritten = DefinitionJson.Write(cart);
        Assert.Equal(cartWritten, DefinitionJson.Write(PricingEngine.ReadCart(cartWritten)));

        // The written form prices exactly like the original.
        Assert.Equal(PricingEngine.FromJson(scenario.RulesJson).PriceJson(scenario.CartJson),
            PricingEngine.FromJson(written).PriceJson(cartWritten));
    }
}
