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
    private FundingSlot[] _lineFunding = [], _orderFunding = [];
    private int _appliedLineCount, _couponCount, _giftCount, _hintCount, _appliedCount, _orderFundingCount;

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
    /// <summary>Number of funding entries over all lines.</summary>
    public int LineFundingCount { get; private set; }
    /// <summary>Whether the coupon choice was exact or bounded.</summary>
    public CouponChoice CouponChoice { get; private set; }

    /// <summary>Number of parties funding the order.</summary>
    public int FundingCount => _orderFundingCount;

    /// <summary>Party <paramref name="index"/> of the order's funding (ordinal order).</summary>
    public string FundingParty(int index) => OrderFunding(index).Party;

    /// <summary>What party <paramref name="index"/> funds of the order's discount and points value.</summary>
    public long FundingAmount(int index) => OrderFunding(index).Amount;

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
                Funding = Funding(_lineFunding, slot.FundingStart, slot.FundingCount),
            };
        }
        var applied = new AppliedPromotion[_appliedCount];
        for (int a = 0; a < applied.Length; a++)
        {
            ref readonly var slot = ref _applied[a];
            var ids = new string[slot.LineCount];
            for (int k = 0; k < ids.Length; k++) ids[k] = _lines[_appliedLines[slot.LineStart + k]].Id;
            applied[a] = new AppliedPromotion(slot.Id, slot.Stage, slot.Layer, slot.Amount, ids) { Name = slot.Name };
        }
        var coupons = Coupons();
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
            Coupons = coupons,
            Gifts = _gifts.AsSpan(0, _giftCount).ToArray(),
            Hints = Hints(),
            Funding = Funding(_orderFunding, 0, _orderFundingCount),
            Usage = Usage(),
            CouponChoice = CouponChoice,
        };
    }

    private static FundingAmount[] Funding(FundingSlot[] slots, int start, int count)
    {
        var funding = new FundingAmount[count];
        for (int k = 0; k < count; k++) funding[k] = new FundingAmount(slots[start + k].Party, slots[start + k].Amount);
        return funding;
    }

    /// <summary>What committing the order consumes (spec §11), from <see cref="PrepareUsage"/>.</summary>
    private UsageResult Usage()
    {
        PrepareUsage();
        if (_usagePromotionCount == 0 && _usageCouponCount == 0 && _usageCodeCount == 0) return UsageResult.Empty;
        var source = new Source(this);
        var promotions = new PromotionUsage[_usagePromotionCount];
        for (int k = 0; k < promotions.Length; k++)
        {
            var u = source.UsagePromotion(k);
            promotions[k] = new PromotionUsage(u.Id, u.Uses, u.Units, u.Spent);
        }
        var coupons = new CouponUsage[_usageCouponCount];
        for (int k = 0; k < coupons.Length; k++)
        {
            var u = source.UsageCoupon(k);
            coupons[k] = new CouponUsage(u.CouponId, u.Uses, u.Spent);
        }
        var codes = new string[_usageCodeCount];
        for (int k = 0; k < codes.Length; k++) codes[k] = source.UsageCode(k);
        return new UsageResult(promotions, coupons, codes);
    }

    // Usage (spec §11) in the order the result lists it, derived from the applied promotions and coupons:
    // promotions by id; applied coupons by couponId (then cart order), a definition's instances side by
    // side; the applied coupons in cart order for the codes.
    private int[] _usagePromotionOrder = [], _usageCouponOrder = [], _usageCouponGroup = [], _usageCodeOrder = [];
    private int _usagePromotionCount, _usageCouponCount, _usageCodeCount;
    private bool _usagePrepared;

    private void PrepareUsage()
    {
        if (_usagePrepared) return;
        _usagePrepared = true;
        _usagePromotionCount = _appliedCount;
        Pricing.Grow.To(ref _usagePromotionOrder, _appliedCount);
        for (int a = 0; a < _appliedCount; a++) _usagePromotionOrder[a] = a;
        Pricing.SpanSort.Sort(_usagePromotionOrder.AsSpan(0, _appliedCount), new AppliedById(_applied));

        Pricing.Grow.To(ref _usageCodeOrder, _couponCount);
        Pricing.Grow.To(ref _usageCouponOrder, _couponCount);
        Pricing.Grow.To(ref _usageCouponGroup, _couponCount + 1);
        _usageCodeCount = 0;
        for (int c = 0; c < _couponCount; c++)
            if (_coupons[c].Reason is null) _usageCodeOrder[_usageCodeCount++] = c;
        _usageCodeOrder.AsSpan(0, _usageCodeCount).CopyTo(_usageCouponOrder);
        Pricing.SpanSort.Sort(_usageCouponOrder.AsSpan(0, _usageCodeCount), new CouponByDefinition(_coupons));
        _usageCouponCount = 0;
        for (int k = 0; k < _usageCodeCount; k++)
            if (k == 0 || !string.Equals(_coupons[_usageCouponOrder[k]].CouponId, _coupons[_usageCouponOrder[k - 1]].CouponId, StringComparison.Ordinal))
                _usageCouponGroup[_usageCouponCount++] = k;
        _usageCouponGroup[_usageCouponCount] = _usageCodeCount;
    }

    private readonly struct AppliedById(AppliedSlot[] applied) : IComparer<int>
    {
        public int Compare(int a, int b) => string.CompareOrdinal(applied[a].Id, applied[b].Id);
    }

    private readonly struct CouponByDefinition(CouponSlot[] coupons) : IComparer<int>
    {
        public int Compare(int a, int b)
        {
            int c = string.CompareOrdinal(coupons[a].CouponId, coupons[b].CouponId);
            return c != 0 ? c : a.CompareTo(b);
        }
    }

    /// <summary><see cref="IResultSource"/> straight over the slots, for <see cref="ResultJson"/>.</summary>
    internal readonly struct Source(PricingResultBuffer b) : IResultSource
    {
        public string RuleSetId => b.RuleSetId;
        public string RuleSetVersion => b.RuleSetVersion;
        public string Currency => b.Currency;
        public int MinorDigits => b.MinorDigits;
        public long Subtotal => b.Subtotal;
        public long Discount => b.Discount;
        public long Total => b.Total;
        public long PointsUsed => b.PointsUsed;
        public long PointsValue => b.PointsValue;
        public long PointsEarned => b.PointsEarned;
        public long Payable => b.Payable;
        public CouponChoice CouponChoice => b.CouponChoice;
        public int LineCount => b.LineCount;

        public ResultLine Line(int line)
        {
            ref readonly var l = ref b._lines[line];
            return new ResultLine(l.Id, l.Sku, l.Quantity, l.ListAmount, l.Amount, l.PointsUsed, l.PointsValue, l.Amount - l.PointsValue);
        }

        public int AdjustmentCount(int line) => b._lines[line].AdjustmentCount;

        public ResultAdjustment Adjustment(int line, int k)
        {
            ref readonly var a = ref b._adjustments[b._lines[line].AdjustmentStart + k];
            return new ResultAdjustment(a.Source, a.Stage, a.Amount);
        }

        public int LineFundingCount(int line) => b._lines[line].FundingCount;

        public ResultFunding LineFunding(int line, int k)
        {
            ref readonly var f = ref b._lineFunding[b._lines[line].FundingStart + k];
            return new ResultFunding(f.Party, f.Amount);
        }

        public int AppliedCount => b._appliedCount;

        public ResultApplied Applied(int a)
        {
            ref readonly var slot = ref b._applied[a];
            return new ResultApplied(slot.Id, slot.Name, slot.Stage, slot.Layer, slot.Amount, slot.LineCount);
        }

        public string AppliedLine(int a, int k) => b._lines[b._appliedLines[b._applied[a].LineStart + k]].Id;
        public int CouponCount => b._couponCount;

        public ResultCoupon Coupon(int c)
        {
            ref readonly var slot = ref b._coupons[c];
            return new ResultCoupon(slot.Code, slot.CouponId, slot.Name, slot.Amount, slot.Reason);
        }

        public int GiftCount => b._giftCount;
        public GiftResult Gift(int g) => b._gifts[g];
        public int HintCount => b._hintCount;

        public ResultHint Hint(int h)
        {
            ref readonly var slot = ref b._hints[h];
            return new ResultHint(slot.Source, slot.Name, slot.Shortfall, slot.IsQuantity, slot.HasSaving ? slot.Saving : null, slot.Gift);
        }

        public int FundingCount => b._orderFundingCount;
        public ResultFunding Funding(int k) => new(b._orderFunding[k].Party, b._orderFunding[k].Amount);

        public int UsagePromotionCount
        {
            get
            {
                b.PrepareUsage();
                return b._usagePromotionCount;
            }
        }

        public ResultPromotionUsage UsagePromotion(int k)
        {
            ref readonly var slot = ref b._applied[b._usagePromotionOrder[k]];
            return new ResultPromotionUsage(slot.Id, 1, slot.Units < 0 ? null : slot.Units, slot.Amount);
        }

        public int UsageCouponCount
        {
            get
            {
                b.PrepareUsage();
                return b._usageCouponCount;
            }
        }

        public ResultCouponUsage UsageCoupon(int k)
        {
            int from = b._usageCouponGroup[k], to = b._usageCouponGroup[k + 1];
            long spent = 0;
            for (int i = from; i < to; i++) spent += b._coupons[b._usageCouponOrder[i]].Amount;
            return new ResultCouponUsage(b._coupons[b._usageCouponOrder[from]].CouponId, to - from, spent);
        }

        public int UsageCodeCount
        {
            get
            {
                b.PrepareUsage();
                return b._usageCodeCount;
            }
        }

        public string UsageCode(int k) => b._coupons[b._usageCodeOrder[k]].Code;
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
            coupons[k] = new CouponResult(c.Code, c.CouponId, c.Reason is null, c.Amount, c.Reason) { Name = c.Name };
        }
        return coupons;
    }

    private HintResult[] Hints()
    {
        var hints = new HintResult[_hintCount];
        for (int k = 0; k < hints.Length; k++)
        {
            ref readonly var h = ref _hints[k];
            hints[k] = new HintResult(h.Source, h.Shortfall, h.IsQuantity, h.HasSaving ? h.Saving : null, h.Gift) { Name = h.Name };
        }
        return hints;
    }

    private ref readonly FundingSlot OrderFunding(int index)
    {
        if ((uint)index >= (uint)_orderFundingCount) throw new ArgumentOutOfRangeException(nameof(index));
        return ref _orderFunding[index];
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
        LineCount = AdjustmentCount = LineFundingCount = _appliedCount = _appliedLineCount = _couponCount = _giftCount = _hintCount = _orderFundingCount = 0;
        CouponChoice = CouponChoice.Exact;
        _usagePrepared = false;
        Subtotal = Discount = Total = PointsUsed = PointsValue = PointsEarned = Payable = 0;
    }

    internal void AddAdjustment(string source, PricingStage stage, long amount)
    {
        Pricing.Grow.To(ref _adjustments, AdjustmentCount + 1);
        _adjustments[AdjustmentCount++] = new AdjustmentSlot(source, stage, amount);
    }

    internal void AddLine(string id, string sku, long quantity, long listAmount, long amount, long pointsUsed, long pointsValue,
        int adjustmentStart, int adjustmentCount, int fundingStart, int fundingCount)
    {
        Pricing.Grow.To(ref _lines, LineCount + 1);
        _lines[LineCount++] = new LineSlot(id, sku, quantity, listAmount, amount, pointsUsed, pointsValue, adjustmentStart, adjustmentCount,
            fundingStart, fundingCount);
    }

    internal void AddLineFunding(string party, long amount)
    {
        Pricing.Grow.To(ref _lineFunding, LineFundingCount + 1);
        _lineFunding[LineFundingCount++] = new FundingSlot(party, amount);
    }

    internal void AddOrderFunding(string party, long amount)
    {
        Pricing.Grow.To(ref _orderFunding, _orderFundingCount + 1);
        _orderFunding[_orderFundingCount++] = new FundingSlot(party, amount);
    }

    // units: what it priced, for the kinds that count units or groups (spec §11); −1 for the others.
    internal void AddApplied(string id, string? name, PricingStage stage, string? layer, long amount, long units, ReadOnlySpan<int> lines)
    {
        Pricing.Grow.To(ref _applied, _appliedCount + 1);
        Pricing.Grow.To(ref _appliedLines, _appliedLineCount + lines.Length);
        lines.CopyTo(_appliedLines.AsSpan(_appliedLineCount));
        _applied[_appliedCount++] = new AppliedSlot(id, name, stage, layer, amount, units, _appliedLineCount, lines.Length);
        _appliedLineCount += lines.Length;
    }

    internal void AddCoupon(string code, string couponId, string? name, long amount, CouponReason? reason)
    {
        Pricing.Grow.To(ref _coupons, _couponCount + 1);
        _coupons[_couponCount++] = new CouponSlot(code, couponId, name, amount, reason);
    }

    internal void SetCouponChoice(CouponChoice choice) => CouponChoice = choice;

    internal void AddGift(GiftResult gift)
    {
        Pricing.Grow.To(ref _gifts, _giftCount + 1);
        _gifts[_giftCount++] = gift;
    }

    internal void AddHint(string source, string? name, long shortfall, bool isQuantity, long? saving, GiftResult? gift)
    {
        Pricing.Grow.To(ref _hints, _hintCount + 1);
        _hints[_hintCount++] = new HintSlot(source, name, shortfall, isQuantity, saving.HasValue, saving ?? 0, gift);
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
        long PointsUsed, long PointsValue, int AdjustmentStart, int AdjustmentCount, int FundingStart, int FundingCount);

    private readonly record struct FundingSlot(string Party, long Amount);

    // Slots are structs: filling the buffer never allocates, whatever the cart; ToResult makes the records.
    private readonly record struct AdjustmentSlot(string Source, PricingStage Stage, long Amount);

    private readonly record struct CouponSlot(string Code, string CouponId, string? Name, long Amount, CouponReason? Reason);

    private readonly record struct HintSlot(string Source, string? Name, long Shortfall, bool IsQuantity, bool HasSaving, long Saving, GiftResult? Gift);

    private readonly record struct AppliedSlot(string Id, string? Name, PricingStage Stage, string? Layer, long Amount, long Units, int LineStart, int LineCount);
}
