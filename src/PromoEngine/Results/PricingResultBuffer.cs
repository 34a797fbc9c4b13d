using PromoEngine.Results;

namespace PromoEngine;

/// <summary>
/// A reusable, mutable home for one pricing result, for callers who price carts in a loop and want no
/// allocation per cart: <see cref="PricingEngine.Price(Definitions.CartDefinition, PricingResultBuffer)"/>
/// fills it, its properties read it, and <see cref="ToResult"/> copies it into an immutable
/// <see cref="PricingResult"/>. Not thread-safe: use one buffer per thread. Money is in minor units.
/// </summary>
public sealed class PricingResultBuffer
{
    private LineSlot[] _lines = [];
    private AdjustmentSlot[] _adjustments = [];
    private AppliedSlot[] _applied = [];
    private int[] _appliedLines = [];
    private CouponSlot[] _coupons = [];
    private GiftResult[] _gifts = [];
    private HintSlot[] _hints = [];
    private int _appliedLineCount, _couponCount, _giftCount, _hintCount, _appliedCount;

    /// <summary>Rule-set id of the last result.</summary>
    public string RuleSetId { get; private set; } = "";
    /// <summary>Rule-set version of the last result.</summary>
    public string RuleSetVersion { get; private set; } = "";
    /// <summary>Currency code.</summary>
    public string Currency { get; private set; } = "";
    /// <summary>Minor-unit digits.</summary>
    public int MinorDigits { get; private set; }
    /// <summary>Σ list amounts.</summary>
    public long Subtotal { get; private set; }
    /// <summary>Σ adjustments.</summary>
    public long Discount { get; private set; }
    /// <summary>Subtotal − discount.</summary>
    public long Total { get; private set; }
    /// <summary>Points used.</summary>
    public long PointsUsed { get; private set; }
    /// <summary>Their value.</summary>
    public long PointsValue { get; private set; }
    /// <summary>Points earned.</summary>
    public long PointsEarned { get; private set; }
    /// <summary>Cash due.</summary>
    public long Payable { get; private set; }
    /// <summary>Number of lines.</summary>
    public int LineCount { get; private set; }
    /// <summary>Number of adjustments over all lines.</summary>
    public int AdjustmentCount { get; private set; }

    /// <summary>Number of coupon entries (one per coupon the cart offered).</summary>
    public int CouponCount => _couponCount;

    /// <summary>Number of hints.</summary>
    public int HintCount => _hintCount;

    /// <summary>Line <paramref name="index"/>'s id (cart order).</summary>
    public string LineId(int index) => Line(index).Id;
    /// <summary>Line <paramref name="index"/>'s amount after all discounts.</summary>
    public long LineAmount(int index) => Line(index).Amount;
    /// <summary>Line <paramref name="index"/>'s cash due.</summary>
    public long LinePayable(int index) => Line(index).Amount - Line(index).PointsValue;

    /// <summary>Copies the result into an immutable <see cref="PricingResult"/>.</summary>
    public PricingResult ToResult()
    {
        var lines = new LineResult[LineCount];
        for (int i = 0; i < lines.Length; i++)
        {
            ref readonly var slot = ref _lines[i];
            lines[i] = new LineResult
            {
                Id = slot.Id, Sku = slot.Sku, Quantity = slot.Quantity, ListAmount = slot.ListAmount,
                Adjustments = Adjustments(slot.AdjustmentStart, slot.AdjustmentCount),
                Amount = slot.Amount, PointsUsed = slot.PointsUsed, PointsValue = slot.PointsValue,
                Payable = slot.Amount - slot.PointsValue,
            };
        }
        var applied = new AppliedPromotion[_appliedCount];
        for (int a = 0; a < applied.Length; a++)
        {
            ref readonly var slot = ref _applied[a];
            var ids = new string[slot.LineCount];
            for (int k = 0; k < ids.Length; k++) ids[k] = _lines[_appliedLines[slot.LineStart + k]].Id;
            applied[a] = new AppliedPromotion(slot.Id, slot.Stage, slot.Layer, slot.Amount, ids);
        }
        return new PricingResult
        {
            RuleSet = new RuleSetRef(RuleSetId, RuleSetVersion),
            Currency = Currency,
            MinorDigits = MinorDigits,
            Subtotal = Subtotal,
            Discount = Discount,
            Total = Total,
            Points = new PointsResult(PointsUsed, PointsValue, PointsEarned),
            Payable = Payable,
            Lines = lines,
            Applied = applied,
            Coupons = Coupons(),
            Gifts = _gifts.AsSpan(0, _giftCount).ToArray(),
            Hints = Hints(),
        };
    }

    private Adjustment[] Adjustments(int start, int count)
    {
        var adjustments = new Adjustment[count];
        for (int k = 0; k < count; k++)
        {
            ref readonly var a = ref _adjustments[start + k];
            adjustments[k] = new Adjustment(a.Source, a.Stage, a.Amount);
        }
        return adjustments;
    }

    private CouponResult[] Coupons()
    {
        var coupons = new CouponResult[_couponCount];
        for (int k = 0; k < coupons.Length; k++)
        {
            ref readonly var c = ref _coupons[k];
            coupons[k] = new CouponResult(c.Code, c.CouponId, c.Reason is null, c.Amount, c.Reason);
        }
        return coupons;
    }

    private HintResult[] Hints()
    {
        var hints = new HintResult[_hintCount];
        for (int k = 0; k < hints.Length; k++)
        {
            ref readonly var h = ref _hints[k];
            hints[k] = new HintResult(h.Source, h.Shortfall, h.IsQuantity, h.HasSaving ? h.Saving : null, h.Gift);
        }
        return hints;
    }

    private ref readonly LineSlot Line(int index)
    {
        if ((uint)index >= (uint)LineCount) throw new ArgumentOutOfRangeException(nameof(index));
        return ref _lines[index];
    }

    internal void Reset(string ruleSetId, string version, string currency, int minorDigits)
    {
        RuleSetId = ruleSetId;
        RuleSetVersion = version;
        Currency = currency;
        MinorDigits = minorDigits;
        LineCount = AdjustmentCount = _appliedCount = _appliedLineCount = _couponCount = _giftCount = _hintCount = 0;
        Subtotal = Discount = Total = PointsUsed = PointsValue = PointsEarned = Payable = 0;
    }

    internal void AddAdjustment(string source, PricingStage stage, long amount)
    {
        Pricing.Grow.To(ref _adjustments, AdjustmentCount + 1);
        _adjustments[AdjustmentCount++] = new AdjustmentSlot(source, stage, amount);
    }

    internal void AddLine(string id, string sku, long quantity, long listAmount, long amount, long pointsUsed, long pointsValue, int adjustmentStart, int adjustmentCount)
    {
        Pricing.Grow.To(ref _lines, LineCount + 1);
        _lines[LineCount++] = new LineSlot(id, sku, quantity, listAmount, amount, pointsUsed, pointsValue, adjustmentStart, adjustmentCount);
    }

    internal void AddApplied(string id, PricingStage stage, string? layer, long amount, ReadOnlySpan<int> lines)
    {
        Pricing.Grow.To(ref _applied, _appliedCount + 1);
        Pricing.Grow.To(ref _appliedLines, _appliedLineCount + lines.Length);
        lines.CopyTo(_appliedLines.AsSpan(_appliedLineCount));
        _applied[_appliedCount++] = new AppliedSlot(id, stage, layer, amount, _appliedLineCount, lines.Length);
        _appliedLineCount += lines.Length;
    }

    internal void AddCoupon(string code, string couponId, long amount, CouponReason? reason)
    {
        Pricing.Grow.To(ref _coupons, _couponCount + 1);
        _coupons[_couponCount++] = new CouponSlot(code, couponId, amount, reason);
    }

    internal void AddGift(GiftResult gift)
    {
        Pricing.Grow.To(ref _gifts, _giftCount + 1);
        _gifts[_giftCount++] = gift;
    }

    internal void AddHint(string source, long shortfall, bool isQuantity, long? saving, GiftResult? gift)
    {
        Pricing.Grow.To(ref _hints, _hintCount + 1);
        _hints[_hintCount++] = new HintSlot(source, shortfall, isQuantity, saving.HasValue, saving ?? 0, gift);
    }

    internal void SetTotals(long subtotal, long discount, long total, long pointsUsed, long pointsValue, long pointsEarned, long payable)
    {
        Subtotal = subtotal;
        Discount = discount;
        Total = total;
        PointsUsed = pointsUsed;
        PointsValue = pointsValue;
        PointsEarned = pointsEarned;
        Payable = payable;
    }

    private readonly record struct LineSlot(string Id, string Sku, long Quantity, long ListAmount, long Amount,
        long PointsUsed, long PointsValue, int AdjustmentStart, int AdjustmentCount);

    // Slots are structs: filling the buffer never allocates, whatever the cart; ToResult makes the records.
    private readonly record struct AdjustmentSlot(string Source, PricingStage Stage, long Amount);

    private readonly record struct CouponSlot(string Code, string CouponId, long Amount, CouponReason? Reason);

    private readonly record struct HintSlot(string Source, long Shortfall, bool IsQuantity, bool HasSaving, long Saving, GiftResult? Gift);

    private readonly record struct AppliedSlot(string Id, PricingStage Stage, string? Layer, long Amount, int LineStart, int LineCount);
}
