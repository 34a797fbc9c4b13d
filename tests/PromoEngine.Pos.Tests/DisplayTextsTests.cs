using PosConsole;

namespace PromoEngine.Pos.Tests;

/// <summary>Issue #11: the till shows names, hints and refusals as sentences, never internal ids or reason codes.</summary>
public class DisplayTextsTests
{
    private static TillSession Samples()
    {
        var s = new TillSession(RuleSetSnapshot.Load(Path.Combine(TestData.SamplesData, "retail-rules.json")),
            Catalog.Load(Path.Combine(TestData.SamplesData, "catalog.json")), new TillOptions { StoreId = "SH-001" },
            new FixedClock(new DateTimeOffset(2026, 11, 11, 15, 40, 0, TimeSpan.FromHours(8))));
        s.Scan("STP-RICE-5K", 3);
        return s;
    }

    [Fact]
    public void The_till_says_what_became_of_a_coupon_in_a_sentence()
    {
        var commands = new TillCommands(Samples());
        Assert.Equal(new CommandResult(CommandKind.Changed, "coupon LM-P10-2 is for online orders only"), commands.Execute("coupon LM-P10-2 plat-10pct-online"));
        Assert.Equal(new CommandResult(CommandKind.Changed, "coupon SH1-1 needs a spend of 300.00 on its items"), commands.Execute("coupon SH1-1 store-sh001-30-off-300"));
        Assert.Equal(new CommandResult(CommandKind.Changed, "coupon VIP-1 is for platinum members and above"), commands.Execute("coupon VIP-1 plat-platinum-vip-150"));
        Assert.Equal(new CommandResult(CommandKind.Changed, "coupon S20 (满199减20店铺券) used"), commands.Execute("coupon S20 store-20-off-199"));
    }

    [Fact]
    public void Every_refusal_reason_reads_as_a_sentence()
    {
        var texts = new DisplayTexts(PricingEngine.FromJson("""
            {"id":"r","version":"1","currency":"CNY","tiers":["gold"],
             "coupons":[{"id":"web","name":"线上券","amountOff":5,"channels":["online"]},{"id":"in-store","amountOff":5,"channels":["store"]}]}
            """));
        string Refusal(CouponReason reason, string couponId = "web") => texts.Refusal(new CouponResult("K-1", couponId, false, 0, reason));
        Assert.Equal("coupon K-1 is for online orders only", Refusal(CouponReason.ChannelNotAllowed));
        Assert.Equal("coupon K-1 is not for this channel", Refusal(CouponReason.ChannelNotAllowed, "in-store"));
        foreach (var reason in Enum.GetValues<CouponReason>())
        {
            string sentence = Refusal(reason);
            Assert.StartsWith("coupon K-1 ", sentence);
            Assert.DoesNotContain(Results.ResultJson.ReasonName(reason), sentence, StringComparison.Ordinal);
            Assert.NotEqual("coupon K-1 cannot be used", sentence); // each reason has its own words
        }
        Assert.Equal("线上券", texts.Coupon("web"));
        Assert.Equal("in-store", texts.Coupon("in-store"));   // no name: the id
        Assert.Equal("spend 12.00 more for 满399减40 to save 40.00",
            new DisplayTexts(PricingEngine.FromJson("""{"id":"r","version":"1","currency":"CNY","promotions":[{"id":"t","name":"满399减40","kind":"threshold","tiers":[{"atLeast":399,"amountOff":40}]}]}"""))
                .Hint(new HintResult("t", 12_00, false, 40_00, null), null, null));
    }

    [Fact]
    public void Savings_on_the_sample_receipt_carry_the_rule_sets_names()
    {
        var s = Samples();
        s.IdentifyMember("M-1", "silver", 0);
        s.AddCoupon("SH1-30", "store-sh001-30-off-300");
        s.Scan("LIQ-BJ-500");
        string receipt = ReceiptRenderer.Render(s.BuildReceipt());
        Assert.Contains("- 上海门店五常大米特价", receipt);
        Assert.Contains("  spend 101.00 more for 白酒满1000减100 to save 100.00", receipt);
        Assert.Contains("- 上海一店满300减30券", receipt);
        Assert.DoesNotContain("special-rice-sh", receipt);
        Assert.DoesNotContain("store-sh001-30-off-300", receipt);
    }
}
