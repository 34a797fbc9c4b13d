using System.Security.Cryptography;
using PromoEngine.Pos;

namespace PromoEngine.Pos.Tests;

public class SnapshotAndCatalogTests
{
    [Fact]
    public void A_snapshot_file_loads_with_its_id_version_and_digest()
    {
        var snapshot = RuleSetSnapshot.Load(TestData.RulesPath);
        Assert.Equal("till-test", snapshot.Id);
        Assert.Equal("1.0", snapshot.Version);
        Assert.Equal("CNY", snapshot.Currency);
        Assert.Equal(Path.GetFullPath(TestData.RulesPath), snapshot.Source);
        string digest = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(TestData.RulesPath)));
        Assert.Equal(digest, snapshot.Digest);
        Assert.Equal(digest[..12], snapshot.ShortDigest);
        Assert.Equal($"till-test 1.0 ({digest[..12]})", snapshot.ToString());
        Assert.Equal("till-test", snapshot.Engine.RuleSetId);
    }

    [Fact]
    public void A_snapshot_with_a_byte_order_mark_loads()
    {
        string json = File.ReadAllText(TestData.RulesPath);
        using var file = TestData.Temp("");
        File.WriteAllBytes(file.Path, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(json)]);
        Assert.Equal("till-test", RuleSetSnapshot.Load(file.Path).Id);
        Assert.NotEqual(RuleSetSnapshot.FromJson(json).Digest, RuleSetSnapshot.Load(file.Path).Digest);
        Assert.Null(RuleSetSnapshot.FromJson(json).Source);
    }

    [Fact]
    public void An_invalid_snapshot_is_refused_with_every_error()
    {
        using var file = TestData.Temp("""
            { "id": "bad", "version": "1", "currency": "CNY",
              "promotions": [{ "id": "p1", "kind": "itemDiscount", "percentOff": 150 }],
              "coupons": [{ "id": "p1", "amountOff": -5 }] }
            """);
        var e = Assert.Throws<PromoValidationException>(() => RuleSetSnapshot.Load(file.Path));
        Assert.All(e.Errors, x => Assert.Equal(ValidationError.Rules, x.Document));
        Assert.Contains(e.Errors, x => x.Path == "$.promotions[0].percentOff");
        Assert.Contains(e.Errors, x => x.Path.StartsWith("$.coupons[0]", StringComparison.Ordinal));
    }

    [Fact]
    public void A_malformed_or_missing_snapshot_is_refused()
    {
        using var file = TestData.Temp("{ \"id\": ");
        var e = Assert.Throws<PromoValidationException>(() => RuleSetSnapshot.Load(file.Path));
        Assert.Equal("$", Assert.Single(e.Errors).Path);
        Assert.Throws<FileNotFoundException>(() => RuleSetSnapshot.Load(Path.Combine(TestData.DataDir, "missing.json")));
        Assert.Throws<ArgumentException>(() => RuleSetSnapshot.Load(""));
    }

    [Fact]
    public void The_catalog_finds_products_by_sku_then_barcode()
    {
        var catalog = TestData.Catalog;
        Assert.Equal("CNY", catalog.Currency);
        Assert.Equal(8, catalog.Products.Count);
        Assert.True(catalog.TryFind("6900000000035", out var rice));
        Assert.Equal(new CatalogProduct("RICE", "6900000000035", "Rice 5 kg", 59.90m, rice.Categories, null, rice.Tags), rice);
        Assert.Equal(new[] { "rice", "grocery" }, rice.Categories);
        Assert.Empty(rice.Tags);
        Assert.True(catalog.TryFind("RICE", out var same));
        Assert.Same(rice, same);
        Assert.False(catalog.TryFind("rice", out _));
        Assert.Null(catalog.FindSku("6900000000035"));
    }

    [Fact]
    public void An_invalid_catalog_is_refused_with_every_error()
    {
        const string json = """
            { "currency": "CNY", "products": [
              { "sku": "A", "barcode": "111", "name": "A", "unitPrice": 1.005 },
              { "sku": "A", "barcode": "111", "unitPrice": -1 },
              { "sku": "B", "barcode": "A", "unitPrice": 2 },
              { "name": "no sku", "unitPrice": "3" },
              { "sku": "C", "categories": "food", "tags": [1] }
            ] }
            """;
        var e = Assert.Throws<PromoValidationException>(() => Catalog.FromJson(json));
        Assert.All(e.Errors, x => Assert.Equal(Catalog.Document, x.Document));
        string[] paths = e.Errors.Select(x => x.Path).ToArray();
        Assert.Contains("$.products[3].sku", paths);
        Assert.Contains("$.products[3].unitPrice", paths);
        Assert.Contains("$.products[4].unitPrice", paths);
        Assert.Contains("$.products[4].categories", paths);
        Assert.Contains("$.products[4].tags[0]", paths);
        Assert.Equal("$.products[3].sku (catalog): is required", e.Errors.First(x => x.Path == "$.products[3].sku").ToString());

        // Structurally fine products are then checked as a whole.
        var e2 = Assert.Throws<PromoValidationException>(() => Catalog.FromJson("""
            { "currency": "CNY", "products": [
              { "sku": "A", "barcode": "111", "unitPrice": 1.005 },
              { "sku": "A", "barcode": "111", "unitPrice": -1 },
              { "sku": "B", "barcode": "A", "unitPrice": 2 }
            ] }
            """));
        Assert.Equal(new[]
        {
            "$.products[0].unitPrice", "$.products[1].unitPrice", "$.products[1].sku", "$.products[1].barcode", "$.products[2].barcode",
        }, e2.Errors.Select(x => x.Path));
        Assert.Equal("A", Catalog.FromJson("""{ "currency": "CNY", "products": [{ "sku": "A", "unitPrice": 1 }] }""").Products[0].Name);
        Assert.Equal("$", Assert.Single(Assert.Throws<PromoValidationException>(() => Catalog.FromJson("[")).Errors).Path);
    }

    [Fact]
    public void The_sample_catalog_and_rules_load()
    {
        var catalog = Catalog.Load(Path.Combine(TestData.SamplesData, "catalog.json"));
        var snapshot = RuleSetSnapshot.Load(Path.Combine(TestData.SamplesData, "retail-rules.json"));
        Assert.Equal(snapshot.Currency, catalog.Currency);
        Assert.NotEmpty(catalog.Products);
    }
}
