using PromoEngine.Tests.Reference;

namespace PromoEngine.Tests.Unit;

/// <summary>An engine warms itself up on carts made from its own rule set (issue #13: the first cart after loading).</summary>
public sealed class WarmUpTests
{
    private static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "PromoEngine.sln"))) return dir.FullName;
            throw new InvalidOperationException("repository root not found");
        }
    }

    [Fact]
    public void The_sample_retailers_warm_up_carts_reach_every_stage()
    {
        var engine = PricingEngine.FromJson(File.ReadAllText(Path.Combine(Root, "samples/data/retail-rules.json")));
        var carts = WarmUpCarts.For(engine);
        var online = engine.Price(carts[0]);

        Assert.Contains(online.Applied, a => a.Stage == PricingStage.Item);
        Assert.Contains(online.Applied, a => a.Stage == PricingStage.Multibuy);
        Assert.Contains(online.Applied, a => a.Stage == PricingStage.Threshold);
        Assert.Contains(online.Coupons, c => c.Applied);
        Assert.True(online.Points.Used > 0);
        engine.WarmUp();
    }

    [Fact]
    public void The_warm_up_carts_a_host_sends_are_the_ones_the_engine_prices()
    {
        var engine = PricingEngine.FromJson(File.ReadAllText(Path.Combine(Root, "samples/data/retail-rules.json")));

        var json = engine.WarmUpCartsJson();

        Assert.Equal(WarmUpCarts.For(engine).Select(c => Json.DefinitionJson.Write(c)), json);
        Assert.Equal(["online", "store"], json.Select(c => PricingEngine.ReadCart(c).Channel));
        Assert.All(json, c => Assert.Contains("\"lines\"", engine.PriceJson(c), StringComparison.Ordinal));
    }

    [Fact]
    public void Warming_up_any_valid_rule_set_never_fails()
    {
        for (int seed = 0; seed < 300; seed++)
        {
            var (rules, _) = RandomRuleSets.Generate(seed);
            PricingEngine.FromJson(rules.ToJsonString()).WarmUp(rounds: 1);
        }
    }
}
