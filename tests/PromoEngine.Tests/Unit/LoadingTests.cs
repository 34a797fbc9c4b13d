using System.Text;
using PromoEngine.Loading;
using PromoEngine.Money;
using PromoEngine.Tests.Support;

namespace PromoEngine.Tests.Unit;

/// <summary>The core loader, what the engine tells of its rule set, and value types' defaults.</summary>
public sealed class LoadingTests
{
    private const string Rules = """{"id":"r","version":"7","currency":"JPY","tiers":["silver","gold"]}""";
    private const string Cart = """{"currency":"JPY","channel":"store","at":"2026-03-08T10:00:00Z","lines":[{"id":"L1","sku":"A","unitPrice":100,"quantity":1}]}""";

    [Fact]
    public void A_rule_set_file_keeps_its_bytes_and_their_digest_and_skips_a_bom_only_when_decoding()
    {
        byte[] bytes = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Rules)];
        var file = RuleSetFile.FromBytes(bytes);
        Assert.Equal(bytes, file.Bytes.ToArray());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), file.Digest);
        Assert.Equal(file.Digest, RuleSetFile.ComputeDigest(bytes));
        Assert.Equal("7", file.Engine.RuleSetVersion);
        bytes[0] = 0; // the file keeps its own copy
        Assert.Equal(0xEF, file.Bytes.Span[0]);
    }

    [Fact]
    public void Invalid_utf8_is_refused_at_the_root_never_replaced()
    {
        var e = Assert.Throws<PromoValidationException>(() => RuleSetFile.FromBytes([.. "{\"id\":\"r"u8, 0xFF, .. "\"}"u8]));
        var error = Assert.Single(e.Errors);
        Assert.Equal(("rules", "$", "not valid UTF-8", ErrorCodes.InvalidEncoding), (error.Document, error.Path, error.Message, error.Code));
        Assert.Equal("cart", Assert.Single(Assert.Throws<PromoValidationException>(() => Utf8Document.Decode([0xC3], "cart")).Errors).Document);
        Assert.Equal("{}", Utf8Document.Decode([0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}'], "cart"));
    }

    [Fact]
    public void The_engine_tells_its_currency_digits_and_tiers()
    {
        var engine = PricingEngine.FromJson(Rules);
        Assert.Equal(("JPY", 0), (engine.Currency, engine.MinorDigits));
        Assert.Equal(["silver", "gold"], engine.Tiers);
        Assert.Empty(PricingEngine.FromJson("""{"id":"r","version":"1","currency":"BHD","minorDigits":3}""").Tiers);
        Assert.Equal(3, PricingEngine.FromJson("""{"id":"r","version":"1","currency":"BHD","minorDigits":3}""").MinorDigits);
        var definition = PricingEngine.ReadRuleSet(Rules);
        var tiers = new List<string>(definition.Tiers!);
        var built = PricingEngine.Compile(definition with { Tiers = tiers });
        tiers.Add("platinum"); // the engine keeps the tiers it was compiled with
        Assert.Equal(["silver", "gold"], built.Tiers);
    }

    [Fact]
    public void A_default_percentage_is_zero_percent_not_a_division_by_zero()
    {
        Percentage none = default;
        Assert.Equal(0, none.Of(12345, RoundingMode.HalfUp));
        Assert.Equal(Percentage.FromDecimal(0), none);
        Assert.Equal(Percentage.FromDecimal(0).GetHashCode(), none.GetHashCode());
        Assert.NotEqual(Percentage.FromDecimal(12.5m), none);
        Assert.Equal(1543, Percentage.FromDecimal(12.5m).Of(12345, RoundingMode.HalfUp)); // 1543.125
    }

    [Fact]
    public void Promo_reads_carts_as_strict_utf8_like_rule_sets()
    {
        string rules = PromoProcess.TempFile(Rules);
        string cart = Path.Combine(Path.GetTempPath(), "promo-tests-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            File.WriteAllBytes(cart, [.. Encoding.UTF8.GetBytes(Cart[..Cart.IndexOf("\"A\"", StringComparison.Ordinal)]), (byte)'"', 0xFF, .. Encoding.UTF8.GetBytes(Cart[(Cart.IndexOf("\"A\"", StringComparison.Ordinal) + 2)..])]);
            var (exit, stdout, stderr) = PromoProcess.Run("price", "--rules", rules, "--cart", cart);
            Assert.Equal((2, "", "$ (cart): not valid UTF-8\n"), (exit, stdout, stderr));

            File.WriteAllBytes(cart, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Cart)]); // a BOM is fine
            (exit, stdout, _) = PromoProcess.Run("price", "--rules", rules, "--cart", cart);
            Assert.Equal(0, exit);
            Assert.Equal(PricingEngine.FromJson(Rules).PriceJson(Cart, indented: true) + "\n", stdout);
        }
        finally
        {
            File.Delete(rules);
            File.Delete(cart);
        }
    }
}
