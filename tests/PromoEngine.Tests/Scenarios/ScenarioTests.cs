using System.Text.Json.Nodes;
using PromoEngine.Returns;
using PromoEngine.Tests.Support;

namespace PromoEngine.Tests.Scenarios;

/// <summary>
/// Every scenario file, through the library and through the <c>promo</c> executable. A scenario with
/// <c>returns</c> then returns units against the result (spec §13): the library prices the return from
/// the result JSON it wrote; the executable test writes what <c>promo price</c> printed to a file and runs
/// <c>promo return</c> on it. A scenario with <c>result</c> in place of <c>rules</c> and <c>cart</c> hands
/// that document to the return as it is.
/// </summary>
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
        string? resultJson = scenario.HasResult ? scenario.ResultJson : null;
        if (scenario.Prices)
        {
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
            resultJson = engine.PriceJson(scenario.CartJson, indented: true);
            if (scenario.Expect is { } expect)
            {
                var actual = JsonNode.Parse(resultJson);
                var differences = JsonMatch.Differences(expect, actual);
                Assert.True(differences.Count == 0, $"{file} ({scenario.Name}):\n{string.Join("\n", differences)}\nresult: {actual!.ToJsonString()}");
            }
        }
        Assert.True(resultJson is not null, $"{file}: a scenario needs rules and a cart, or a result");
        if (scenario.Returns is null)
        {
            Assert.True(scenario.ExpectReturn is null && scenario.ExpectReturnErrors is null, $"{file}: return expectations without returns");
            return;
        }

        if (scenario.ExpectReturnErrors is { } expectedReturnPaths)
        {
            var errors = ReturnErrorsOf(resultJson, scenario);
            var paths = errors.Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
            var missing = expectedReturnPaths.Where(p => !paths.Contains(p)).ToArray();
            Assert.True(missing.Length == 0,
                $"{file}: missing return errors at {string.Join(", ", missing)}; reported:\n{string.Join("\n", errors)}");
            return;
        }
        Assert.True(scenario.ExpectReturn is not null, $"{file}: returns without expectReturn or expectReturnErrors");
        var returned = JsonNode.Parse(ReturnPricing.PriceJson(resultJson, scenario.ReturnsJson));
        var returnDifferences = JsonMatch.Differences(scenario.ExpectReturn, returned);
        Assert.True(returnDifferences.Count == 0, $"{file} ({scenario.Name}):\n{string.Join("\n", returnDifferences)}\nreturn: {returned!.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Promo_executable_prints_what_the_library_returns(string file)
    {
        var scenario = Scenario.Load(file);
        var temporary = new List<string>();
        string Temp(string text)
        {
            string path = PromoProcess.TempFile(text);
            temporary.Add(path);
            return path;
        }
        try
        {
            string resultPath;
            if (scenario.Prices)
            {
                string rules = Temp(scenario.RulesJson);
                string cart = Temp(scenario.CartJson);
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
                resultPath = Temp(stdout); // what promo printed is what the return reads
            }
            else
            {
                resultPath = Temp(scenario.ResultJson);
            }
            if (scenario.Returns is null) return;

            string returns = Temp(scenario.ReturnsJson);
            var (returnExit, returnOut, returnErr) = PromoProcess.Run("return", "--result", resultPath, "--returns", returns);
            string resultText = File.ReadAllText(resultPath);
            if (scenario.ExpectReturnErrors is { } expectedReturnPaths)
            {
                Assert.Equal(2, returnExit);
                Assert.Equal("", returnOut);
                var lines = returnErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                foreach (string path in expectedReturnPaths)
                    Assert.Contains(lines, l => l.StartsWith(path + " ", StringComparison.Ordinal));
                Assert.Equal(ReturnErrorsOf(resultText, scenario).Select(e => e.ToString()), lines);
                return;
            }
            Assert.True(returnExit == 0, returnErr);
            Assert.Equal(ReturnPricing.PriceJson(resultText, scenario.ReturnsJson, indented: true) + "\n", returnOut);
            var differences = JsonMatch.Differences(scenario.ExpectReturn, JsonNode.Parse(returnOut));
            Assert.True(differences.Count == 0, $"{file} ({scenario.Name}):\n{string.Join("\n", differences)}");
        }
        finally
        {
            foreach (string path in temporary) File.Delete(path);
        }
    }

    private static IReadOnlyList<ValidationError> ErrorsOf(Scenario scenario)
    {
        var e = Assert.Throws<PromoValidationException>(() => PricingEngine.FromJson(scenario.RulesJson).PriceJson(scenario.CartJson));
        Assert.NotEmpty(e.Errors);
        return e.Errors;
    }

    private static IReadOnlyList<ValidationError> ReturnErrorsOf(string resultJson, Scenario scenario)
    {
        var e = Assert.Throws<PromoValidationException>(() => ReturnPricing.PriceJson(resultJson, scenario.ReturnsJson));
        Assert.NotEmpty(e.Errors);
        return e.Errors;
    }
}
