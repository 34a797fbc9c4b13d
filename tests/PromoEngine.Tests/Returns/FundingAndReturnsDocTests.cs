using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PromoEngine.Returns;
using PromoEngine.Tests.Support;

namespace PromoEngine.Tests.Returns;

/// <summary>
/// docs/funding-and-returns.md: every JSON block marked <c>&lt;!-- test: NAME --&gt;</c> is run, so the
/// page's worked numbers are the engine's.
/// </summary>
public sealed partial class FundingAndReturnsDocTests
{
    private static readonly Lazy<Dictionary<string, string>> Blocks = new(() =>
    {
        string page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "funding-and-returns.md"));
        return Marked().Matches(page).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
    });

    private static string Block(string name) =>
        Blocks.Value.TryGetValue(name, out string? json) ? json : throw new InvalidOperationException($"no block '{name}' in the page");

    private static string Order() => PricingEngine.FromJson(Block("rules")).PriceJson(Block("cart"));

    [Fact]
    public void The_modelling_example_is_a_valid_rule_set()
    {
        var engine = PricingEngine.FromJson(Block("modelling-rules"));
        Assert.Equal("d11", engine.RuleSetId);
    }

    [Fact]
    public void The_settlement_example_is_what_the_engine_prices()
    {
        var differences = JsonMatch.Differences(JsonNode.Parse(Block("order")), JsonNode.Parse(Order()));
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Each_step_of_the_three_step_return_is_what_the_engine_returns(int step)
    {
        var actual = JsonNode.Parse(ReturnPricing.PriceJson(Order(), Block($"step-{step}-returns")));
        var differences = JsonMatch.Differences(JsonNode.Parse(Block($"step-{step}-expect")), actual);
        Assert.True(differences.Count == 0, $"step {step}:\n{string.Join("\n", differences)}\n{actual!.ToJsonString()}");
    }

    [Fact]
    public void The_three_steps_give_back_exactly_what_was_paid()
    {
        var order = JsonNode.Parse(Order())!;
        var steps = Enumerable.Range(1, 3).Select(s => JsonNode.Parse(ReturnPricing.PriceJson(Order(), Block($"step-{s}-returns")))!).ToArray();
        Assert.Equal((decimal)order["payable"]!, steps.Sum(s => (decimal)s["refund"]!));
        Assert.Equal((long)order["points"]!["used"]!, steps.Sum(s => (long)s["pointsRestored"]!));
        Assert.Equal((long)order["points"]!["earned"]!, steps.Sum(s => (long)s["pointsClawedBack"]!));
        foreach (var party in order["funding"]!.AsArray())
            Assert.Equal((decimal)party!["amount"]!,
                steps.Sum(s => s["funding"]!.AsArray().Where(f => (string)f!["party"]! == (string)party["party"]!).Sum(f => (decimal)f!["amount"]!)));
    }

    [Fact]
    public void The_sample_order_return_is_what_promo_return_prints()
    {
        string samples = Path.Combine(RepositoryRoot(), "samples", "data");
        string order = PricingEngine.FromJson(File.ReadAllText(Path.Combine(samples, "retail-rules.json")))
            .PriceJson(File.ReadAllText(Path.Combine(samples, "cart-online.json")), indented: true);
        string orderFile = PromoProcess.TempFile(order + "\n");
        string returnsFile = PromoProcess.TempFile(Block("sample-returns"));
        try
        {
            var (exit, stdout, stderr) = PromoProcess.Run("return", "--result", orderFile, "--returns", returnsFile);
            Assert.True(exit == 0, stderr);
            var differences = JsonMatch.Differences(JsonNode.Parse(Block("sample-expect")), JsonNode.Parse(stdout));
            Assert.True(differences.Count == 0, string.Join("\n", differences));
        }
        finally
        {
            File.Delete(orderFile);
            File.Delete(returnsFile);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PromoEngine.sln"))) return dir.FullName;
        throw new InvalidOperationException("PromoEngine.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"<!-- test: ([a-z0-9-]+) -->\s*```json\n(.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex Marked();
}
