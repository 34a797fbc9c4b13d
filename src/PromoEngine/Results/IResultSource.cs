namespace PromoEngine.Results;

/// <summary>
/// A priced result as <see cref="ResultJson"/> reads it, by index: implemented over the immutable
/// <see cref="PricingResult"/> and straight over the <see cref="PricingResultBuffer"/> a pass filled, so
/// that one writer serves both and <c>PriceJson</c> writes without building the records first. The writer
/// is generic over the source, so the calls are direct.
/// </summary>
internal interface IResultSource
{
    string RuleSetId { get; }
    string RuleSetVersion { get; }
    string Currency { get; }
    int MinorDigits { get; }
    long Subtotal { get; }
    long Discount { get; }
    long Total { get; }
    long PointsUsed { get; }
    long PointsValue { get; }
    long PointsEarned { get; }
    long Payable { get; }
    CouponChoice CouponChoice { get; }

    int LineCount { get; }
    ResultLine Line(int line);
    int AdjustmentCount(int line);
    ResultAdjustment Adjustment(int line, int k);
    int LineFundingCount(int line);
    ResultFunding LineFunding(int line, int k);

    int AppliedCount { get; }
    ResultApplied Applied(int a);
    string AppliedLine(int a, int k);

    int CouponCount { get; }
    ResultCoupon Coupon(int c);

    int GiftCount { get; }
    GiftResult Gift(int g);

    int HintCount { get; }
    ResultHint Hint(int h);

    int FundingCount { get; }
    ResultFunding Funding(int k);

    int UsagePromotionCount { get; }
    ResultPromotionUsage UsagePromotion(int k);
    int UsageCouponCount { get; }
    ResultCouponUsage UsageCoupon(int k);
    int UsageCodeCount { get; }
    string UsageCode(int k);
}

/// <summary>A line's own values, without its lists.</summary>
internal readonly record struct ResultLine(string Id, string Sku, long Quantity, long ListAmount, long Amount, long PointsUsed, long PointsValue, long Payable);

/// <summary>An applied promotion's own values, without its lines.</summary>
internal readonly record struct ResultApplied(string Id, string? Name, PricingStage Stage, string? Layer, long Amount, int LineCount);

// The lists' items as values: a buffer hands them out without making records.
internal readonly record struct ResultAdjustment(string Source, PricingStage Stage, long Amount);
internal readonly record struct ResultFunding(string Party, long Amount);
internal readonly record struct ResultCoupon(string Code, string CouponId, string? Name, long Amount, CouponReason? Reason);
internal readonly record struct ResultHint(string Source, string? Name, long Shortfall, bool IsQuantity, long? Saving, GiftResult? Gift);
internal readonly record struct ResultPromotionUsage(string Id, long Uses, long? Units, long Spent);
internal readonly record struct ResultCouponUsage(string CouponId, long Uses, long Spent);

/// <summary><see cref="IResultSource"/> over the records.</summary>
internal readonly struct RecordSource(PricingResult r) : IResultSource
{
    public string RuleSetId => r.RuleSet.Id;
    public string RuleSetVersion => r.RuleSet.Version;
    public string Currency => r.Currency;
    public int MinorDigits => r.MinorDigits;
    public long Subtotal => r.Subtotal;
    public long Discount => r.Discount;
    public long Total => r.Total;
    public long PointsUsed => r.Points.Used;
    public long PointsValue => r.Points.Value;
    public long PointsEarned => r.Points.Earned;
    public long Payable => r.Payable;
    public CouponChoice CouponChoice => r.CouponChoice;

    public int LineCount => r.Lines.Count;

    public ResultLine Line(int line)
    {
        var l = r.Lines[line];
        return new ResultLine(l.Id, l.Sku, l.Quantity, l.ListAmount, l.Amount, l.PointsUsed, l.PointsValue, l.Payable);
    }

    public int AdjustmentCount(int line) => r.Lines[line].Adjustments.Count;
    public ResultAdjustment Adjustment(int line, int k)
    {
        var a = r.Lines[line].Adjustments[k];
        return new(a.Source, a.Stage, a.Amount);
    }

    public int LineFundingCount(int line) => r.Lines[line].Funding.Count;
    public ResultFunding LineFunding(int line, int k) => new(r.Lines[line].Funding[k].Party, r.Lines[line].Funding[k].Amount);

    public int AppliedCount => r.Applied.Count;

    public ResultApplied Applied(int a)
    {
        var p = r.Applied[a];
        return new ResultApplied(p.Id, p.Name, p.Stage, p.Layer, p.Amount, p.Lines.Count);
    }

    public string AppliedLine(int a, int k) => r.Applied[a].Lines[k];
    public int CouponCount => r.Coupons.Count;
    public ResultCoupon Coupon(int c)
    {
        var x = r.Coupons[c];
        return new(x.Code, x.CouponId, x.Name, x.Amount, x.Applied ? null : x.Reason);
    }

    public int GiftCount => r.Gifts.Count;
    public GiftResult Gift(int g) => r.Gifts[g];
    public int HintCount => r.Hints.Count;
    public ResultHint Hint(int h)
    {
        var x = r.Hints[h];
        return new(x.Source, x.Name, x.Shortfall, x.ShortfallIsQuantity, x.Saving, x.Gift);
    }

    public int FundingCount => r.Funding.Count;
    public ResultFunding Funding(int k) => new(r.Funding[k].Party, r.Funding[k].Amount);
    public int UsagePromotionCount => r.Usage.Promotions.Count;
    public ResultPromotionUsage UsagePromotion(int k)
    {
        var u = r.Usage.Promotions[k];
        return new(u.Id, u.Uses, u.Units, u.Spent);
    }

    public int UsageCouponCount => r.Usage.Coupons.Count;
    public ResultCouponUsage UsageCoupon(int k) => new(r.Usage.Coupons[k].CouponId, r.Usage.Coupons[k].Uses, r.Usage.Coupons[k].Spent);
    public int UsageCodeCount => r.Usage.Codes.Count;
    public string UsageCode(int k) => r.Usage.Codes[k];
}
