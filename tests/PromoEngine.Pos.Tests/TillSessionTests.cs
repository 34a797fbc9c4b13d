using PromoEngine.Definitions;
using PromoEngine.Pos;
using PromoEngine.Results;

namespace PromoEngine.Pos.Tests;

public class TillSessionTests
{
    [Fact]
    public void Every_action_reprices_the_basket()
    {
        var s = TestData.Session();
        Assert.Null(s.Result);
        int revision = s.Revision;
        void Changed() => Assert.Equal(++revision, s.Revision);

        var tea = s.Scan("6900000000011"); // barcode
        Changed();
        Assert.Equal(new TillLine("L1", TestData.Catalog.FindSku("TEA")!, 1), tea);
        Assert.Equal(100_00, s.Result!.Total);

        s.IdentifyMember("M1", "silver", 5000);
        Changed();
        Assert.Equal(90_00, s.Result!.Total);
        Assert.Equal(new Adjustment("member:silver", PricingStage.Item, 10_00), Assert.Single(s.Result.Lines[0].Adjustments));

        Assert.Equal("L2", s.Scan("MILK", 2).Id);
        Changed();
        Assert.Equal(90_00 + 25_00 - 6_25, s.Result!.Total);

        s.SetQuantity("L2", 4);
        Changed();
        Assert.Equal(90_00 + 50_00 - 12_50, s.Result!.Total);

        s.Void("L2");
        Changed();
        Assert.Equal(90_00, s.Result!.Total);
        Assert.Single(s.Result.Lines);

        s.AddCoupon("C-10", "c10");
        Changed();
        var coupon = Assert.Single(s.Result!.Coupons);
        Assert.Equal(CouponReason.MinSpendNotMet, coupon.Reason);

        Assert.Equal("L3", s.Scan("RICE").Id);
        Changed();
        Assert.Equal(90_00 + 49_90 - 10_00, s.Result!.Total);
        Assert.True(s.Result.Coupons[0].Applied);
        Assert.Equal(new long[] { 6_43, 3_57 }, s.Result.Lines.Select(l => l.Adjustments.Single(a => a.Source == "C-10").Amount));

        s.UsePoints(2000);
        Changed();
        Assert.Equal(new PointsResult(2000, 20_00, 109), s.Result!.Points);
        Assert.Equal(109_90, s.Result.Payable);

        s.UseMaxPoints();
        Changed();
        Assert.Equal(new PointsResult(5000, 50_00, 79), s.Result!.Points);

        s.UseNoPoints();
        Changed();
        Assert.Equal(new PointsResult(0, 0, 129), s.Result!.Points);

        s.RemoveCoupon("C-10");
        Changed();
        Assert.Equal(139_90, s.Result!.Total);
        Assert.Empty(s.Result.Coupons);

        s.ClearMember();
        Changed();
        Assert.Equal(149_90, s.Result!.Total);
        Assert.Null(s.Result.Lines[0].Adjustments.FirstOrDefault(a => a.Source.StartsWith("member:", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_cart_is_a_store_cart_of_the_till_at_the_clock_reading()
    {
        var s = TestData.Session("S1");
        s.Scan("RICE");
        var cart = s.Cart!;
        Assert.Equal("store", cart.Channel);
        Assert.Equal("S1", cart.StoreId);
        Assert.Equal("CNY", cart.Currency);
        Assert.Equal(TestData.D11, cart.At);
        Assert.Equal(TestData.D11, s.PricedAt);
        Assert.Equal(49_90, s.Result!.Total); // rice-d11: store S1 on 11.11 only

        var nextDay = TestData.Session("S1", TestData.D11.AddDays(1));
        nextDay.Scan("RICE");
        Assert.Equal(59_90, nextDay.Result!.Total);

        var otherStore = TestData.Session("S2");
        otherStore.Scan("RICE");
        Assert.Equal(59_90, otherStore.Result!.Total);
    }

    [Fact]
    public void The_clock_is_read_at_every_pricing()
    {
        var clock = new SteppingClock(TestData.D11.AddMinutes(-1).AddHours(-10)); // 2026-11-10T23:59+08:00
        var s = new TillSession(TestData.Snapshot, TestData.Catalog, new TillOptions { StoreId = "S1" }, clock);
        s.Scan("RICE");
        Assert.Equal(59_90, s.Result!.Total);
        clock.Now = clock.Now.AddMinutes(2); // midnight passed: the flash sale started
        s.Reprice();
        Assert.Equal(49_90, s.Result!.Total);
        Assert.Equal(clock.Now, s.Cart!.At);
    }

    [Fact]
    public void Scanning_a_sku_again_raises_its_line_and_line_ids_are_never_reused()
    {
        var s = TestData.Session();
        Assert.Equal("L1", s.Scan("TEA").Id);
        Assert.Equal("L2", s.Scan("MILK").Id);
        var again = s.Scan("6900000000011", 2); // TEA by barcode
        Assert.Equal(new TillLine("L1", TestData.Catalog.FindSku("TEA")!, 3), again);
        s.Void("L1");
        Assert.Equal("L3", s.Scan("RICE").Id);
        Assert.Equal("L4", s.Scan("TEA").Id);
        Assert.Equal(new[] { "L2", "L3", "L4" }, s.Lines.Select(l => l.Id));
        Assert.Equal(new[] { "L2", "L3", "L4" }, s.Result!.Lines.Select(l => l.Id));
        s.Clear();
        Assert.Empty(s.Lines);
        Assert.Null(s.Result);
        Assert.Equal("L1", s.Scan("TEA").Id);
    }

    [Fact]
    public void Refused_actions_leave_the_session_unchanged()
    {
        var s = TestData.Session();
        s.Scan("TEA");
        s.IdentifyMember("M1", "silver", 1000);
        s.AddCoupon("C-10", "c10");
        string before = ResultJson.Write(s.Result!);
        int revision = s.Revision;

        Assert.Contains("unknown code", Assert.Throws<TillException>(() => s.Scan("NOPE")).Message);
        Assert.Throws<TillException>(() => s.Scan("TEA", 0));
        Assert.Throws<TillException>(() => s.Scan("  "));
        Assert.Contains("no line", Assert.Throws<TillException>(() => s.Void("L9")).Message);
        Assert.Throws<TillException>(() => s.SetQuantity("L1", 0));
        Assert.Throws<TillException>(() => s.SetQuantity("L7", 2));
        Assert.Contains("unknown tier 'diamond'", Assert.Throws<TillException>(() => s.IdentifyMember("M1", "diamond", 0)).Message);
        Assert.Throws<TillException>(() => s.IdentifyMember("", "silver", 0));
        Assert.Throws<TillException>(() => s.IdentifyMember("M1", "silver", -1));
        Assert.Contains("already presented", Assert.Throws<TillException>(() => s.AddCoupon("C-10", "c10")).Message);
        Assert.Throws<TillException>(() => s.AddCoupon("C-11", " "));
        Assert.Throws<TillException>(() => s.RemoveCoupon("C-99"));
        Assert.Contains("balance is 1000", Assert.Throws<TillException>(() => s.UsePoints(1500)).Message);
        Assert.Throws<TillException>(() => s.UsePoints(-1));

        Assert.Contains("at most 9999 units", Assert.Throws<TillException>(() => s.Scan("TEA", long.MaxValue / 100)).Message);
        // A till without a quantity bound: the engine refuses a line amount beyond Int64 minor units, and the scan is refused as a whole.
        var unbounded = new TillSession(TestData.Snapshot, TestData.Catalog, new TillOptions { StoreId = "S1", MaxLineQuantity = long.MaxValue });
        var overflow = Assert.Throws<TillException>(() => unbounded.Scan("TEA", long.MaxValue / 100));
        Assert.NotEmpty(overflow.Errors);
        Assert.Equal(ValidationError.Cart, overflow.Errors[0].Document);

        Assert.Equal(revision, s.Revision);
        Assert.Equal(before, ResultJson.Write(s.Result!));
        Assert.Equal(1, s.Lines.Single().Quantity);
    }

    [Fact]
    public void A_points_choice_must_stay_within_the_balance()
    {
        var s = TestData.Session();
        s.Scan("TEA");
        Assert.Contains("has none", Assert.Throws<TillException>(() => s.UsePoints(100)).Message);
        s.UseMaxPoints(); // a guest asking for max uses nothing
        Assert.Equal(0, s.Result!.Points.Used);
        s.IdentifyMember("M1", null, 3000);
        Assert.Equal(3000, s.Result!.Points.Used); // cap 50.00 = 5000 points; balance 3000
        s.UsePoints(2000);
        Assert.Throws<TillException>(() => s.IdentifyMember("M2", null, 1000)); // 2000 chosen, balance 1000
        Assert.Throws<TillException>(() => s.ClearMember());
        Assert.Equal("M1", s.Member!.Id);
        s.UsePoints(0);
        Assert.Null(s.Points);
        s.ClearMember();
        Assert.Null(s.Member);
    }

    [Fact]
    public void An_empty_basket_has_no_price_but_keeps_member_and_coupons()
    {
        var s = TestData.Session();
        s.IdentifyMember("M1", "gold", 100);
        s.AddCoupon("C-10", "c10");
        Assert.Null(s.Result);
        Assert.Null(s.Cart);
        Assert.Equal(0, s.CashDue);
        s.Scan("TEA");
        Assert.Equal(90_00, s.Result!.Total);
        s.Void("l1"); // line ids are typed in any case
        Assert.Null(s.Result);
        Assert.Equal("M1", s.Member!.Id);
        Assert.Single(s.Coupons);
    }

    [Fact]
    public void A_catalog_in_another_currency_is_refused()
    {
        var usd = Catalog.Create("USD", [new CatalogProduct("TEA", null, "Tea", 1.00m, [], null, [])]);
        var e = Assert.Throws<ArgumentException>(() => new TillSession(TestData.Snapshot, usd, new TillOptions { StoreId = "S1" }));
        Assert.Contains("USD", e.Message);
        Assert.Throws<ArgumentException>(() => new TillSession(TestData.Snapshot, TestData.Catalog, new TillOptions { StoreId = "" }));
    }

    [Fact]
    public void The_session_result_is_the_engines_price_of_the_equivalent_cart()
    {
        var s = TestData.Session(rounding: CashRounding.Down(10));
        s.IdentifyMember("M1", "silver", 5000);
        s.Scan("TEA");
        s.Scan("6900000000080"); // LJ
        s.Scan("MILK", 3);
        s.Scan("RICE", 2);
        s.Void("L4");
        s.Scan("CANDY");
        s.SetQuantity("L3", 2);
        s.AddCoupon("C-10", "c10");
        s.AddCoupon("WEB-5", "c-online");
        s.UsePoints(1200);

        const string cartJson = """
            {
              "currency": "CNY", "channel": "store", "storeId": "S1", "at": "2026-11-11T10:00:00+08:00",
              "customer": { "id": "M1", "tier": "silver", "points": 5000 },
              "lines": [
                { "id": "L1", "sku": "TEA", "unitPrice": 100.00, "quantity": 1, "categories": ["tea", "grocery"], "brand": "leaf", "tags": ["bestseller"] },
                { "id": "L2", "sku": "LJ", "unitPrice": 268.00, "quantity": 1, "categories": ["tea", "grocery"] },
                { "id": "L3", "sku": "MILK", "unitPrice": 12.50, "quantity": 2, "categories": ["milk", "fresh"], "brand": "meadow" },
                { "id": "L5", "sku": "CANDY", "unitPrice": 0.33, "quantity": 1, "categories": ["sweets"] }
              ],
              "coupons": [{ "code": "C-10", "couponId": "c10" }, { "code": "WEB-5", "couponId": "c-online" }],
              "usePoints": 1200
            }
            """;
        var expected = TestData.Snapshot.Engine.Price(PricingEngine.ReadCart(cartJson));
        Assert.Equal(ResultJson.Write(expected), ResultJson.Write(s.Result!));
        Assert.Equal(ResultJson.Write(s.Result!), ResultJson.Write(s.Engine.Price(s.Cart!)));
        Assert.NotEqual(s.Result!.Payable, s.CashDue); // rounding is layered on top, the result stays the engine's
    }

    [Fact]
    public void The_till_prices_the_sample_store_cart_like_the_engine()
    {
        string data = TestData.SamplesData;
        var snapshot = RuleSetSnapshot.Load(Path.Combine(data, "retail-rules.json"));
        var catalog = Catalog.Load(Path.Combine(data, "catalog.json"));
        var at = new DateTimeOffset(2026, 11, 11, 15, 40, 0, TimeSpan.FromHours(8));
        var s = new TillSession(snapshot, catalog, new TillOptions { StoreId = "SH-001" }, new FixedClock(at));
        s.IdentifyMember("M-10457721", "silver", 5600);
        s.Scan("STP-RICE-5K", 3);
        s.Scan("DAI-MILK-1L", 4);
        s.Scan("COF-DRIP-10");
        s.Scan("DRK-WTR-12", 4);
        s.Scan("LIQ-BJ-500", 2);
        s.AddCoupon("SH1-30-5531", "store-sh001-30-off-300");
        s.UsePoints(2000);

        string expected = snapshot.Engine.PriceJson(File.ReadAllText(Path.Combine(data, "cart-store.json")));
        Assert.Equal(expected, ResultJson.Write(s.Result!));
    }

    private sealed class SteppingClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.CreateCustomTimeZone("UTC+08", TimeSpan.FromHours(8), null, null);
    }
}
