namespace PromoEngine.Tests.Returns;

/// <summary>Typed results to return against, worked by hand.</summary>
internal static class ReturnSamples
{
    /// <summary>
    /// The order of shared scenario 16: 满200减30 (store) 24.00 / 6.00, the platform's coupon 8.00 / 2.00,
    /// 3000 points (platform) 24.00 / 6.00; L1 3 units payable 184.00, L2 1 unit payable 46.00; 230 points earned.
    /// </summary>
    public static PricingResult Scenario16() => new()
    {
        RuleSet = new RuleSetRef("s16", "1"),
        Currency = "CNY",
        MinorDigits = 2,
        Subtotal = 300_00,
        Discount = 40_00,
        Total = 260_00,
        Points = new PointsResult(3000, 30_00, 230),
        Payable = 230_00,
        Lines =
        [
            Line("L1", "A", 3, 240_00, [new("full-200", PricingStage.Threshold, 24_00), new("P10-3321", PricingStage.Coupon, 8_00)], 2400, 24_00,
                [new("platform", 32_00), new("store", 24_00)]),
            Line("L2", "B", 1, 60_00, [new("full-200", PricingStage.Threshold, 6_00), new("P10-3321", PricingStage.Coupon, 2_00)], 600, 6_00,
                [new("platform", 8_00), new("store", 6_00)]),
        ],
        Applied = [new AppliedPromotion("full-200", PricingStage.Threshold, "order", 30_00, ["L1", "L2"])],
        Coupons = [new CouponResult("P10-3321", "plat-10", true, 10_00, null)],
        Gifts = [new GiftResult("full-200", "TOTE-BAG", 1)],
        Hints = [],
        Funding = [new("platform", 40_00), new("store", 30_00)],
        Usage = new UsageResult([new PromotionUsage("full-200", 1, null, 30_00)], [new CouponUsage("plat-10", 1, 10_00)], ["P10-3321"]),
    };

    public static LineResult Line(string id, string sku, long quantity, long listAmount, Adjustment[] adjustments, long pointsUsed, long pointsValue,
        FundingAmount[] funding)
    {
        long amount = listAmount - adjustments.Sum(a => a.Amount);
        return new LineResult
        {
            Id = id, Sku = sku, Quantity = quantity, ListAmount = listAmount, Adjustments = adjustments, Amount = amount,
            PointsUsed = pointsUsed, PointsValue = pointsValue, Payable = amount - pointsValue, Funding = funding,
        };
    }

    /// <summary>Scenario 16's result as a document, written by hand (§6 + funding + usage).</summary>
    public const string Scenario16Json = """
        {
          "ruleSet": { "id": "s16", "version": "1" }, "currency": "CNY",
          "subtotal": 300.00, "discount": 40.00, "total": 260.00,
          "points": { "used": 3000, "value": 30.00, "earned": 230 },
          "payable": 230.00,
          "lines": [
            { "id": "L1", "sku": "A", "quantity": 3, "listAmount": 240.00,
              "adjustments": [{ "source": "full-200", "stage": "threshold", "amount": 24.00 }, { "source": "P10-3321", "stage": "coupon", "amount": 8.00 }],
              "amount": 208.00, "pointsUsed": 2400, "pointsValue": 24.00, "payable": 184.00,
              "funding": [{ "party": "platform", "amount": 32.00 }, { "party": "store", "amount": 24.00 }] },
            { "id": "L2", "sku": "B", "quantity": 1, "listAmount": 60.00,
              "adjustments": [{ "source": "full-200", "stage": "threshold", "amount": 6.00 }, { "source": "P10-3321", "stage": "coupon", "amount": 2.00 }],
              "amount": 52.00, "pointsUsed": 600, "pointsValue": 6.00, "payable": 46.00,
              "funding": [{ "party": "platform", "amount": 8.00 }, { "party": "store", "amount": 6.00 }] }
          ],
          "applied": [{ "id": "full-200", "stage": "threshold", "layer": "order", "amount": 30.00, "lines": ["L1", "L2"] }],
          "coupons": [{ "code": "P10-3321", "couponId": "plat-10", "status": "applied", "amount": 10.00 }],
          "gifts": [{ "promotionId": "full-200", "sku": "TOTE-BAG", "quantity": 1 }],
          "hints": [],
          "funding": [{ "party": "platform", "amount": 40.00 }, { "party": "store", "amount": 30.00 }],
          "usage": { "promotions": { "full-200": { "uses": 1, "spent": 30.00 } }, "coupons": { "plat-10": { "uses": 1, "spent": 10.00 } }, "codes": ["P10-3321"] }
        }
        """;
}
