using System.Text.Json.Nodes;
using PromoEngine.Tests.Support;

namespace PromoEngine.Tests.Scenarios;

/// <summary>Every scenario file, through the library and through the <c>promo</c> executable.</summary>
public sealed class ScenarioTests
{
    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (string file in Scenario.Files("Shared").Concat(Scenario.Files("Own"))) data.Add(file);
        return data;
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Library_matches_the_expectation(string file)
    {
        var scenario = Scenario.Load(file);
        if (scenario.ExpectErrors is { } expectedPaths)
        {
            var errors = ErrorsOf(scenario);
            var paths = errors.Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
            var missing = expectedPaths.Where(p => !paths.Contains(p)).ToArray();
            Assert.True(missing.Length == 0,
                $"{file}: missing errors at {string.Join(", ", missing)}; reported:\n{string.Join("\n", errors)}");
            return;
        }
        var engine = PricingEngine.FromJson(scenario.RulesJson);
        var actual = JsonNode.Parse(engine.PriceJson(scenario.CartJson));
        var differences = JsonMatch.Differences(scenario.Expect, actual);
        Assert.True(differences.Count == 0, $"{file} ({scenario.Name}):\n{string.Join("\n", differences)}\nresult: {actual!.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Promo_executable_prints_what_the_library_returns(string file)
    {
        var scenario = Scenario.Load(file);
        string rules = PromoProcess.TempFile(scenario.RulesJson);
        string cart = PromoProcess.TempFile(scenario.CartJson);
        try
        {
            var (exit, stdout, stderr) = PromoProcess.Run("price", "--rules", rules, "--cart", cart);
            if (scenario.ExpectErrors is { } expectedPaths)
            {
                Assert.Equal(2, exit);
                Assert.Equal("", stdout);
                var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                foreach (string path in expectedPaths)
                    Assert.Contains(lines, l => l.StartsWith(path + " ", StringComparison.Ordinal));
                Assert.Equal(ErrorsOf(scenario).Select(e => e.ToString()), lines);
                return;
            }
            Assert.True(exit == 0, stderr);
            string library = PricingEngine.FromJson(scenario.RulesJson).PriceJson(scenario.CartJson, indented: true) + "\n";
            Assert.Equal(library, stdout);
        }
        finally
        {
            File.Delete(rules);
            File.Delete(cart);
        }
    }

    private static IReadOnlyList<ValidationError> ErrorsOf(Scenario scenario)
    {
        var e = Assert.Throws<PromoValidationException>(() => PricingEngine.FromJson(scenario.RulesJson).PriceJson(scenario.CartJson));
        Assert.NotEmpty(e.Errors);
        return e.Errors;
    }
}
