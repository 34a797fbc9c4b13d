using PromoEngine.Cli;
using PromoEngine.Returns;
using PromoEngine.Tests.Returns;
using PromoEngine.Tests.Support;

namespace PromoEngine.Tests.Cli;

public sealed class ReturnCommandTests : IDisposable
{
    private const string OneUnit = """{ "now": [{ "line": "L1", "quantity": 1 }] }""";
    private readonly List<string> _files = [];

    private string File(string text)
    {
        string path = PromoProcess.TempFile(text);
        _files.Add(path);
        return path;
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = PromoCommand.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Return_prints_the_indented_return_result()
    {
        var (exit, output, error) = Run("return", "--result", File(ReturnSamples.Scenario16Json), "--returns", File(OneUnit));
        Assert.Equal((0, ""), (exit, error));
        Assert.Equal(ReturnPricing.PriceJson(ReturnSamples.Scenario16Json, OneUnit, indented: true) + "\n", output);
        Assert.Contains("\"refund\": 61.34,", output);
    }

    [Fact]
    public void Invalid_returns_exit_2_with_every_error_path_first_and_nothing_on_stdout()
    {
        var (exit, output, error) = Run("return", "--result", File(ReturnSamples.Scenario16Json),
            "--returns", File("""{ "now": [{ "line": "L3", "quantity": 1 }, { "line": "L1", "quantity": 0 }] }"""));
        Assert.Equal((2, ""), (exit, output));
        Assert.Equal(
            "$.now[0].line (returns): unknown line \"L3\"; the result's lines are L1, L2\n$.now[1].quantity (returns): must be 1 or more, got 0\n",
            error);
    }

    [Fact]
    public void An_invalid_result_is_reported_at_its_root()
    {
        string v1 = ReturnSamples.Scenario16Json.Replace("\"usage\":", "\"usages\":", StringComparison.Ordinal);
        var (exit, output, error) = Run("return", "--result", File(v1), "--returns", File(OneUnit));
        Assert.Equal((2, ""), (exit, output));
        Assert.All(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.StartsWith("$ (result): ", l, StringComparison.Ordinal));
        Assert.Contains("$ (result): $.usage: missing", error);
        Assert.Contains("$ (result): $.usages: unknown property 'usages'", error);
    }

    [Theory]
    [InlineData("return", "--result", "R")]
    [InlineData("return", "--returns", "Q")]
    [InlineData("return", "--result", "R", "--returns", "Q", "--rules", "X")]
    [InlineData("return", "--result", "R", "--returns")]
    public void Bad_arguments_exit_1(params string[] args)
    {
        var (exit, output, error) = Run(args);
        Assert.Equal((1, ""), (exit, output));
        Assert.StartsWith("promo: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_file_exits_1()
    {
        string missing = Path.Combine(Path.GetTempPath(), "promo-tests-" + Guid.NewGuid().ToString("N") + ".json");
        var (exit, output, error) = Run("return", "--result", missing, "--returns", File(OneUnit));
        Assert.Equal((1, ""), (exit, output));
        Assert.StartsWith($"promo: cannot read '{missing}'", error, StringComparison.Ordinal);
        (exit, output, error) = Run("return", "--result", File(ReturnSamples.Scenario16Json), "--returns", missing);
        Assert.Equal((1, ""), (exit, output));
    }

    [Fact]
    public void Help_names_the_return_command()
    {
        var (exit, output, _) = Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("promo return --result RESULT.json --returns RETURNS.json", output);
    }

    public void Dispose()
    {
        foreach (string path in _files) System.IO.File.Delete(path);
    }
}
