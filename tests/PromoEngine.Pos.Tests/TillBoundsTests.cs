using System.Text;
using PosConsole;

namespace PromoEngine.Pos.Tests;

/// <summary>
/// Issue #11: a till refuses at start-up a store that neither its rule set nor its catalog knows (it would
/// silently lose every store offer), and bounds the quantities and points balances it takes.
/// </summary>
public class TillBoundsTests
{
    private static RuleSetSnapshot Samples => RuleSetSnapshot.Load(Path.Combine(TestData.SamplesData, "retail-rules.json"));
    private static Catalog SampleCatalog => Catalog.Load(Path.Combine(TestData.SamplesData, "catalog.json"));

    [Theory]
    [InlineData("XX-999")]
    [InlineData("sh-001")]   // store ids are compared exactly, as the engine compares them
    [InlineData("SH-001 ")]
    public void A_store_nobody_knows_is_refused_with_the_stores_they_know(string store)
    {
        var e = Assert.Throws<ArgumentException>(() => new TillSession(Samples, SampleCatalog, new TillOptions { StoreId = store }));
        Assert.Equal($"store '{store}' is unknown to the rule set and the catalog; the stores they know: BJ-002, SH-001, SH-002", e.Message);
    }

    [Fact]
    public void A_store_known_to_the_catalog_alone_or_to_the_rules_alone_is_taken()
    {
        // S2 has no offer of its own in the test rules: the catalog's store list makes it a store of the chain.
        Assert.Equal(["S1", "S2"], TillSession.KnownStores(TestData.Snapshot.Engine, TestData.Catalog));
        _ = TestData.Session("S2");
        var noStores = Catalog.Create("CNY", TestData.Catalog.Products);
        _ = new TillSession(TestData.Snapshot, noStores, new TillOptions { StoreId = "S1" });
        Assert.Throws<ArgumentException>(() => new TillSession(TestData.Snapshot, noStores, new TillOptions { StoreId = "S2" }));
    }

    [Fact]
    public void Without_stores_in_the_rules_or_the_catalog_any_store_is_taken()
    {
        var engine = PricingEngine.FromJson("""{"id":"r","version":"1","currency":"CNY"}""");
        var catalog = Catalog.Create("CNY", TestData.Catalog.Products);
        Assert.Empty(TillSession.KnownStores(engine, catalog));
        Assert.Equal("anywhere", new TillSession(engine, catalog, new TillOptions { StoreId = "anywhere" }).StoreId);
    }

    [Fact]
    public void PosConsole_refuses_an_unknown_store_at_start_up()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = PosConsoleApp.Run(["--rules", Path.Combine(TestData.SamplesData, "retail-rules.json"), "--catalog",
            Path.Combine(TestData.SamplesData, "catalog.json"), "--store", "XX-999", "--script", "/dev/null"], new StringReader(""), stdout, stderr);
        Assert.Equal(PosConsoleApp.Invalid, code);
        Assert.Equal("", stdout.ToString());
        Assert.Equal("error: store 'XX-999' is unknown to the rule set and the catalog; the stores they know: BJ-002, SH-001, SH-002\n",
            stderr.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Quantities_beyond_a_line_are_refused_and_the_basket_is_unchanged()
    {
        var s = TestData.Session();
        var e = Assert.Throws<TillException>(() => s.Scan("TEA", 99_999_999_999));
        Assert.Equal("quantity 99999999999 is more than a line takes: at most 9999 units", e.Message);
        Assert.Empty(s.Lines);
        s.Scan("TEA", 9_999);
        e = Assert.Throws<TillException>(() => s.Scan("TEA"));
        Assert.Equal("L1 would hold 10000 units: a line takes at most 9999", e.Message);
        Assert.Throws<TillException>(() => s.SetQuantity("L1", 10_000));
        Assert.Equal(9_999, s.Lines.Single().Quantity);
        var small = new TillSession(TestData.Snapshot, TestData.Catalog, new TillOptions { StoreId = "S1", MaxLineQuantity = 5 });
        Assert.Throws<TillException>(() => small.Scan("TEA", 6));
    }

    [Fact]
    public void Points_balances_beyond_belief_are_refused()
    {
        var s = TestData.Session();
        s.Scan("TEA");
        var e = Assert.Throws<TillException>(() => s.IdentifyMember("X", "gold", 99_999_999_999_999_999));
        Assert.Equal("a points balance of 99999999999999999 is not believable: the till takes at most 999999999", e.Message);
        Assert.Null(s.Member);
        s.IdentifyMember("X", "gold", 999_999_999);
        Assert.Equal(999_999_999, s.Member!.Points);
    }

    [Fact]
    public void The_till_commands_say_why_a_number_is_refused()
    {
        var commands = new TillCommands(TestData.Session());
        Assert.Equal(new CommandResult(CommandKind.Error, "quantity 99999999999 is more than a line takes: at most 9999 units"),
            commands.Execute("scan TEA 99999999999"));
        Assert.Equal(new CommandResult(CommandKind.Error, "quantity 99999999999999999999999 is far too large"),
            commands.Execute("scan TEA 99999999999999999999999"));
        Assert.Equal(new CommandResult(CommandKind.Error, "a points balance of 99999999999999999 is not believable: the till takes at most 999999999"),
            commands.Execute("member X gold 99999999999999999"));
        Assert.Equal(CommandKind.Changed, commands.Execute("scan TEA 3").Kind);
    }

    [Fact]
    public void Text_that_is_not_text_is_refused_with_the_engines_error_and_control_characters_are_shown_escaped()
    {
        var s = TestData.Session();
        s.Scan("TEA");
        var e = Assert.Throws<TillException>(() => s.IdentifyMember("M\ud800", null, 0));
        var error = Assert.Single(e.Errors);
        Assert.Equal(("cart", "$.customer.id", ErrorCodes.InvalidString), (error.Document, error.Path, error.Code));
        e = Assert.Throws<TillException>(() => s.AddCoupon("C-10", "c\udc00"));
        Assert.Equal(("$.coupons[0].couponId", ErrorCodes.InvalidString), (e.Errors.Single().Path, e.Errors.Single().Code));
        e = Assert.Throws<TillException>(() => s.Scan("\u001b[2J"));
        Assert.Equal("unknown code '\\u001b[2J'", e.Message);
    }

    [Fact]
    public void A_catalog_that_is_not_text_or_has_a_lone_surrogate_is_refused_where_it_is_wrong()
    {
        string json = """{"currency":"CNY","stores":["S1","S1"],"products":[{"sku":"A\ud800","unitPrice":1},{"sku":"B","name":"\udc00","unitPrice":1e400,"tags":["\ud800"]}]}""";
        var e = Assert.Throws<PromoValidationException>(() => Catalog.FromJson(json.Replace("\ud800", "\\ud800").Replace("\udc00", "\\udc00")));
        Assert.Equal([
            "$.stores[1] duplicate",
            "$.products[0].sku invalidString",
            "$.products[1].name invalidString",
            "$.products[1].unitPrice outOfRange",
            "$.products[1].tags[0] invalidString",
        ], e.Errors.Select(x => $"{x.Path} {x.Code}"));

        using var utf16 = TestData.Temp("");
        File.WriteAllBytes(utf16.Path, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("""{"currency":"CNY","products":[]}""")]);
        e = Assert.Throws<PromoValidationException>(() => Catalog.Load(utf16.Path));
        Assert.Equal(("catalog", "$", ErrorCodes.InvalidEncoding), (e.Errors.Single().Document, e.Errors.Single().Path, e.Errors.Single().Code));

        e = Assert.Throws<PromoValidationException>(() => Catalog.FromJson("""{"currency":"CNY","\ud800":1,"products":[{"sku":"A","unitPrice":1,"x\udc00":2}]}"""));
        Assert.Equal(["$['\\\\ud800'] invalidString", "$.products[0]['x\\\\udc00'] invalidString"], e.Errors.Select(x => $"{x.Path} {x.Code}"));

        e = Assert.Throws<PromoValidationException>(() => Catalog.FromJson("""{"currency":"CNY","currency":"USD","products":[{"sku":"A","sku":"B","unitPrice":1}]}"""));
        Assert.Equal(["$.currency duplicateProperty", "$.products[0].sku duplicateProperty"], e.Errors.Select(x => $"{x.Path} {x.Code}"));
    }
}
