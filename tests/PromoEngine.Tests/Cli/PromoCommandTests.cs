using PromoEngine.Cli;
using PromoEngine.Tests.Support;

namespace PromoEngine.Tests.Cli;

public sealed class PromoCommandTests : IDisposable
{
    private const string Rules = """{"id":"r","version":"7","currency":"CNY","coupons":[{"id":"c10","amountOff":10,"minSpend":50}]}""";
    private const string CartA = """{"currency":"CNY","channel":"online","at":"2026-03-08T10:00:00+08:00","lines":[{"id":"L1","sku":"A","unitPrice":60.00,"quantity":1}],"coupons":[{"code":"K","couponId":"c10"}]}""";
    private const string CartB = """{"currency":"CNY","channel":"store","at":"2026-03-08T10:00:00+08:00","lines":[{"id":"L1","sku":"B","unitPrice":20.00,"quantity":2}]}""";
    private readonly List<string> _files = [];

    private string File(string text, string extension = ".json")
    {
        string path = PromoProcess.TempFile(text, extension);
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
    public void Validate_prints_ok()
    {
        Assert.Equal((0, "ok\n", ""), Run("validate", "--rules", File(Rules)));
    }

    [Fact]
    public void Price_prints_the_indented_result()
    {
        var (exit, output, error) = Run("price", "--rules", File(Rules), "--cart", File(CartA));
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Equal(PricingEngine.FromJson(Rules).PriceJson(CartA, indented: true) + "\n", output);
        Assert.Contains("\"total\": 50.00", output);
    }

    [Fact]
    public void Carts_prints_one_compact_line_per_cart_in_order()
    {
        var engine = PricingEngine.FromJson(Rules);
        var (exit, output, _) = Run("price", "--rules", File(Rules), "--carts", File(CartA + "\n\n" + CartB + "\n", ".jsonl"));
        Assert.Equal(0, exit);
        Assert.Equal(engine.PriceJson(CartA) + "\n" + engine.PriceJson(CartB) + "\n", output);
    }

    [Fact]
    public void Carts_wait_in_a_temporary_file_that_is_gone_when_promo_ends()
    {
        var engine = PricingEngine.FromJson(Rules);
        string temp = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "promo-spool-" + Guid.NewGuid().ToString("N"))).FullName;
        string carts = File(string.Concat(Enumerable.Repeat(CartA + "\n" + CartB + "\n", 50)), ".jsonl");
        try
        {
            var (exit, output, error) = PromoProcess.RunWithEnvironment(new Dictionary<string, string> { ["TMPDIR"] = temp }, null,
                "price", "--rules", File(Rules), "--carts", carts);

            Assert.Equal((0, ""), (exit, error));
            Assert.Equal(string.Concat(Enumerable.Repeat(engine.PriceJson(CartA) + "\n" + engine.PriceJson(CartB) + "\n", 50)), output);
            Assert.Empty(Directory.EnumerateFileSystemEntries(temp));
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    [Fact]
    public void Carts_without_a_writable_temporary_folder_exit_1_and_say_so()
    {
        string missing = Path.Combine(Path.GetTempPath(), "promo-missing-" + Guid.NewGuid().ToString("N"));

        var (exit, output, error) = PromoProcess.RunWithEnvironment(new Dictionary<string, string> { ["TMPDIR"] = missing }, null,
            "price", "--rules", File(Rules), "--carts", File(CartA + "\n", ".jsonl"));

        Assert.Equal((1, ""), (exit, output));
        Assert.StartsWith($"promo: cannot create a temporary file for the results in {missing}/: ", error);
    }

    [Fact]
    public void Carts_are_all_validated_before_anything_is_printed()
    {
        string bad = CartB.Replace("\"quantity\":2", "\"quantity\":0");
        var (exit, output, error) = Run("price", "--rules", File(Rules), "--carts", File(CartA + "\n" + bad + "\n{", ".jsonl"));
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("$.lines[0].quantity (cart line 2): must be 1 or more, got 0", lines[0]);
        Assert.StartsWith("$ (cart line 3): malformed JSON", lines[1]);
    }

    [Fact]
    public void Invalid_rules_exit_2_with_nothing_on_stdout()
    {
        var (exit, output, error) = Run("price", "--rules", File("""{"id":"r","version":"1","currency":"CNY","bogus":true}"""), "--cart", File(CartA));
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal("$.bogus (rules): unknown property 'bogus'\n", error);
    }

    [Fact]
    public void Malformed_cart_exits_2()
    {
        var (exit, output, error) = Run("price", "--rules", File(Rules), "--cart", File("[1,"));
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith("$ (cart): malformed JSON", error);
    }

    [Theory]
    [InlineData]
    [InlineData("frobnicate")]
    [InlineData("price", "--rules")]
    [InlineData("price", "--cart", "x.json")]
    [InlineData("validate", "--rules", "a.json", "--rules", "b.json")]
    [InlineData("price", "--rules", "/nonexistent/rules.json", "--cart", "/nonexistent/cart.json")]
    public void Bad_arguments_and_unreadable_files_exit_1(params string[] args)
    {
        var (exit, output, error) = Run(args);
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.NotEqual("", error);
    }

    [Fact]
    public void Help_exits_0()
    {
        var (exit, output, _) = Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("promo price --rules", output);
    }

    [Fact]
    public void The_executable_behaves_like_the_command()
    {
        var (exit, output, error) = PromoProcess.Run("validate", "--rules", File(Rules));
        Assert.Equal((0, "ok\n", ""), (exit, output, error));
        var (badExit, _, badError) = PromoProcess.Run("validate", "--rules", "/nonexistent.json");
        Assert.Equal(1, badExit);
        Assert.Contains("cannot read", badError);
    }

    [Fact]
    public void Version_names_promo_and_its_engine()
    {
        string version = typeof(PricingEngine).Assembly.GetName().Version!.ToString(3);
        string expected = $"promo {version} (engine {version})\n";
        Assert.StartsWith("promo 0.", expected);
        Assert.Equal((0, expected, ""), Run("--version"));
        Assert.Equal((0, expected, ""), Run("version"));
        Assert.Equal((0, expected, ""), PromoProcess.Run("--version"));
        Assert.Equal(1, Run("--version", "--rules").Exit);
    }

    [Fact]
    public void A_dash_reads_the_cart_or_the_carts_from_standard_input()
    {
        var engine = PricingEngine.FromJson(Rules);
        string rules = File(Rules);
        Assert.Equal((0, engine.PriceJson(CartA, indented: true) + "\n", ""),
            PromoProcess.RunWithInput(System.Text.Encoding.UTF8.GetBytes(CartA), "price", "--rules", rules, "--cart", "-"));
        Assert.Equal((0, engine.PriceJson(CartA) + "\n" + engine.PriceJson(CartB) + "\n", ""),
            PromoProcess.RunWithInput(System.Text.Encoding.UTF8.GetBytes(CartA + "\n" + CartB + "\n"), "price", "--rules", rules, "--carts", "-"));
        // Standard input is read as strictly as a file: UTF-8, and errors located.
        var (exit, output, error) = PromoProcess.RunWithInput([0xFF, .. System.Text.Encoding.UTF8.GetBytes(CartA)], "price", "--rules", rules, "--cart", "-");
        Assert.Equal((2, "", "$ (cart): not valid UTF-8\n"), (exit, output, error));
        // In process, too.
        using var stdin = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(CartB));
        var stdout = new StringWriter();
        Assert.Equal(0, PromoCommand.Run(["price", "--rules", rules, "--cart", "-"], stdin, stdout, new StringWriter()));
        Assert.Equal(engine.PriceJson(CartB, indented: true) + "\n", stdout.ToString());
    }

    public void Dispose()
    {
        foreach (string file in _files) System.IO.File.Delete(file);
    }
}
