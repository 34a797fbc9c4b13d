using PosConsole;

namespace PromoEngine.Pos.Tests;

public class PosConsoleTests
{
    private static readonly string[] Data = ["--rules", TestData.RulesPath, "--catalog", TestData.CatalogPath, "--store", "S1", "--at", "2026-11-11T10:00:00+08:00"];

    private static (int Code, string Out, string Err) Run(string[] args, string stdin = "", bool interactive = false)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int code = PosConsoleApp.Run(args, new StringReader(stdin), stdout, stderr, interactive);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private const string Script = """
        # a member with tea, Longjing and milk
        member M1 silver 5000
        scan TEA
        6900000000080
        MILK 2
        coupon C-10 c10
        coupon WEB-5 c-online
        points 1000
        round down 0.10
        total
        scan TEA   # after total: not run
        """;

    [Fact]
    public void A_script_prints_the_final_receipt()
    {
        using var script = TestData.Temp(Script, ".till");
        var (code, stdout, stderr) = Run([.. Data, "--script", script.Path]);
        Assert.Equal("", stderr);
        Assert.Equal(0, code);
        Assert.Equal(ExpectedReceipt, stdout.Replace(TestData.Snapshot.ShortDigest, "DIGEST", StringComparison.Ordinal));
    }

    private const string ExpectedReceipt = """
        ========================================================================
                                        RECEIPT
        Store S1                                      2026-11-11 10:00:00 +08:00
        Rules till-test 1.0 (snapshot DIGEST)
        Member M1  silver  5000 points
        ------------------------------------------------------------------------
        Line Item                           Qty       List     Saving       Paid
        ------------------------------------------------------------------------
        L1   Green Tea 250 g                  1     100.00                 75.19
               TEA
               - member price (silver)                         -10.00
               - 满200减20                                     -10.06
               - coupon C-10                                    -2.37
               - points (237)                                   -2.37
               - cash rounding                                  -0.01
               paid 75.19 in cash + 237 points (2.37)
        L2   西湖龙井明前特级绿茶礼盒装..     1     268.00                223.88
               LJ
               - 满200减20                                     -29.94
               - coupon C-10                                    -7.07
               - points (707)                                   -7.07
               - cash rounding                                  -0.04
               paid 223.88 in cash + 707 points (7.07)
        L3   Milk 1 L                         2      25.00                 17.63
               2 x 12.50  MILK
               - milk-2nd-half                                  -6.25
               - coupon C-10                                    -0.56
               - points (56)                                    -0.56
               paid 17.63 in cash + 56 points (0.56)
        ------------------------------------------------------------------------
        Subtotal                                                          393.00
        Savings                                                           -66.25
        Total                                                             326.75
        Points used (1000)                                                -10.00
        Payable                                                           316.75
        Cash rounding (down to 0.10)                                       -0.05
        CASH DUE                                                          316.70
        Points earned                                                        316
        ------------------------------------------------------------------------
        Coupons
          C-10   c10        used                                          -10.00
          WEB-5  线上5元券  not used
            coupon WEB-5 is for online orders only
        ------------------------------------------------------------------------
        Gifts
          1 x Tote Bag (BAG)                                           满200减20
        ========================================================================

        """;

    [Fact]
    public void Stdin_is_a_script_when_it_is_not_a_terminal()
    {
        var (code, stdout, stderr) = Run(Data, Script);
        Assert.Equal((0, ""), (code, stderr));
        Assert.Equal(ExpectedReceipt, stdout.Replace(TestData.Snapshot.ShortDigest, "DIGEST", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_commands_print_an_error_and_the_script_goes_on()
    {
        const string script = """
            scan TEA
            scan NOPE
            qty L1 zero
            void L7
            points 100
            frobnicate now please
            member M1 diamond 10
            round sideways 0.10
            round down 0.001
            scan TEA 2
            """;
        var (code, stdout, stderr) = Run(Data, script);
        Assert.Equal(PosConsoleApp.Invalid, code);
        Assert.Equal("""
            line 2: unknown code 'NOPE'
            line 3: bad quantity 'zero': a whole number is expected
            line 4: no line L7
            line 5: 100 points chosen but the customer has none (choose fewer points first)
            line 6: unknown command 'frobnicate' (type help)
            line 7: unknown tier 'diamond' (tiers: silver, gold)
            line 8: unknown rounding 'sideways': down or nearest
            line 9: bad rounding step '0.001': a positive amount with at most 2 decimals

            """, stderr);
        Assert.Contains("L1   Green Tea 250 g                  3     300.00                260.00\n", stdout);
        Assert.Contains("\nCASH DUE                                                          260.00\n", stdout);
    }

    [Fact]
    public void Every_command_does_what_the_session_api_does()
    {
        const string script = """
            scan TEA
            scan 6900000000028 3
            SCAN RICE                 # commands are case-insensitive
            void l3
            qty L2 2
            member M1 gold 8000
            guest
            member M1 silver 8000
            coupon C-10 c10
            coupon BIG c-big
            uncoupon BIG
            points max
            points none
            points 1500
            round nearest 0.05
            round off
            round down 0.50
            receipt
            help
            scan CANDY
            """;
        var (code, stdout, stderr) = Run(Data, script);
        Assert.Equal((0, ""), (code, stderr));

        var s = TestData.Session();
        s.Scan("TEA");
        s.Scan("MILK", 3);
        s.Scan("RICE");
        s.Void("L3");
        s.SetQuantity("L2", 2);
        s.IdentifyMember("M1", "silver", 8000);
        s.AddCoupon("C-10", "c10");
        s.UsePoints(1500);
        s.SetCashRounding(CashRounding.Down(50));
        s.Scan("CANDY");
        Assert.Equal(ReceiptRenderer.Render(s.BuildReceipt(), title: "RECEIPT"), stdout);
        Assert.Equal(new[] { "L1", "L2", "L4" }, s.Lines.Select(l => l.Id));
    }

    [Fact]
    public void Interactive_mode_redraws_after_each_change_and_never_prices_invalid_input()
    {
        var (code, stdout, _) = Run(Data, "scan TEA\nscan NOPE\nhelp\nqty L1 2\nquit\n", interactive: true);
        Assert.Equal(0, code);
        string[] steps = stdout.Split("\n> ");
        Assert.Equal(6, steps.Length); // banner, then one chunk per command
        Assert.StartsWith("PromoEngine till  store S1  rules till-test 1.0", steps[0]);
        Assert.Contains("L1   Green Tea 250 g                  1     100.00                100.00\n", steps[1]);
        Assert.EndsWith("ok: L1 Green Tea 250 g x 1", steps[1]);
        Assert.Equal("error: unknown code 'NOPE'", steps[2]); // no receipt, no price
        Assert.Contains("scan <code> [qty]", steps[3]);
        Assert.Contains("L1   Green Tea 250 g                  2     200.00                180.00\n", steps[4]);
        Assert.Equal("", steps[5]); // quit prints nothing
        Assert.EndsWith("ok: L1 quantity 2", steps[4]);
    }

    [Fact]
    public void Interactive_total_prints_the_final_receipt()
    {
        var (code, stdout, _) = Run(Data, "scan TEA\nreceipt\ntotal\nscan TEA\n", interactive: true);
        Assert.Equal(0, code);
        Assert.Contains("RECEIPT", stdout);
        Assert.DoesNotContain("x 2", stdout);
        Assert.EndsWith("========\n", stdout);
    }

    [Fact]
    public void Invalid_rules_or_catalog_print_errors_and_no_price()
    {
        using var rules = TestData.Temp("""{ "id": "x", "version": "1", "currency": "CNY", "tiers": ["gold", "gold"] }""");
        var (code, stdout, stderr) = Run(["--rules", rules.Path, "--catalog", TestData.CatalogPath, "--at", "2026-11-11T10:00:00+08:00"], "scan TEA\n");
        Assert.Equal((PosConsoleApp.Invalid, ""), (code, stdout));
        Assert.StartsWith("$.tiers[1] (rules): ", stderr);

        using var catalog = TestData.Temp("""{ "currency": "CNY", "products": [{ "sku": "TEA", "unitPrice": 1.001 }] }""");
        (code, stdout, stderr) = Run(["--rules", TestData.RulesPath, "--catalog", catalog.Path], "scan TEA\n");
        Assert.Equal((PosConsoleApp.Invalid, ""), (code, stdout));
        Assert.Equal("$.products[0].unitPrice (catalog): has more than 2 decimals for CNY\n", stderr);

        using var usd = TestData.Temp("""{ "currency": "USD", "products": [] }""");
        (code, stdout, stderr) = Run(["--rules", TestData.RulesPath, "--catalog", usd.Path], "scan TEA\n");
        Assert.Equal((PosConsoleApp.Invalid, ""), (code, stdout));
        Assert.Contains("USD", stderr);
    }

    [Theory]
    [InlineData("--rules", "missing.json")]
    [InlineData("--script", "missing.till")]
    [InlineData("--at", "2026-11-11T10:00:00")]
    [InlineData("--at", "tomorrow")]
    [InlineData("--width", "20")]
    [InlineData("--colour", "red")]
    public void Bad_arguments_or_unreadable_files_exit_1(string option, string value)
    {
        string[] args = option == "--rules"
            ? ["--rules", Path.Combine(TestData.DataDir, value), "--catalog", TestData.CatalogPath]
            : [.. Data.Where(a => a != "--at" && a != "2026-11-11T10:00:00+08:00"), option, option == "--script" ? Path.Combine(TestData.DataDir, value) : value];
        var (code, stdout, stderr) = Run(args, "scan TEA\n");
        Assert.Equal((PosConsoleApp.Usage, ""), (code, stdout));
        Assert.StartsWith("error: ", stderr);
        Assert.Equal(PosConsoleApp.Usage, Run([.. Data, "--store"]).Code);
    }

    [Fact]
    public void Help_prints_usage()
    {
        var (code, stdout, _) = Run(["--help"]);
        Assert.Equal(0, code);
        Assert.Contains("--script", stdout);
    }

    [Fact]
    public void The_shipped_example_script_runs_over_the_sample_data()
    {
        string script = Path.Combine(TestData.RepoRoot, "samples", "PosConsole", "example.till");
        string data = TestData.SamplesData;
        var (code, stdout, stderr) = Run(["--rules", Path.Combine(data, "retail-rules.json"), "--catalog", Path.Combine(data, "catalog.json"),
            "--at", "2026-11-11T15:40:00+08:00", "--script", script]);
        Assert.Equal("", stderr);
        Assert.Equal(0, code);
        Assert.Contains("Store SH-001", stdout);
        Assert.Contains("Cash rounding (down to 0.10)", stdout);
        Assert.Contains("coupon PLAT-9 is for online orders only", stdout);
        Assert.Contains("- 上海一店满300减30券", stdout);
        Assert.DoesNotContain("channelNotAllowed", stdout);
        string cashDue = stdout.Split('\n').Single(l => l.StartsWith("CASH DUE", StringComparison.Ordinal));
        Assert.EndsWith("0", cashDue.TrimEnd()); // rounded down to 0.10
    }

    [Fact]
    public void Defaults_find_the_sample_data_from_the_repository()
    {
        var (code, stdout, stderr) = Run(["--at", "2026-11-11T15:40:00+08:00"], "scan 6975123406036\n");
        Assert.Equal((0, ""), (code, stderr));
        Assert.Contains("Store SH-001", stdout);
        Assert.Contains("Wuchang Rice 5 kg", stdout);
    }
}
