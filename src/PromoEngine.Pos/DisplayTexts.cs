using PromoEngine.Definitions;
using PromoEngine.Money;

namespace PromoEngine.Pos;

/// <summary>
/// What a cashier and a customer read for the engine's ids and reason codes: a promotion or coupon by the
/// <c>name</c> its rule set gives it (its id only when it has none), a member price as such, a coupon's refusal
/// and a 凑单 hint as a sentence. Built once per rule set; all text is printable (<see cref="TillText.Printable"/>).
/// </summary>
public sealed class DisplayTexts
{
    private readonly Dictionary<string, PromotionDefinition> _promotions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CouponDefinition> _coupons = new(StringComparer.Ordinal);
    private readonly int _digits;

    /// <summary>The texts of <paramref name="engine"/>'s rule set.</summary>
    public DisplayTexts(PricingEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        foreach (var promotion in engine.Definition.Promotions ?? [])
            if (promotion?.Id is { } id) _promotions.TryAdd(id, promotion);
        foreach (var coupon in engine.Definition.Coupons ?? [])
            if (coupon?.Id is { } id) _coupons.TryAdd(id, coupon);
        _digits = engine.MinorDigits;
    }

    /// <summary>A promotion's name, or its id when it has none.</summary>
    public string Promotion(string id) => TillText.Printable(_promotions.GetValueOrDefault(id)?.Name ?? id);

    /// <summary>A coupon definition's name, or its id when it has none (or is unknown).</summary>
    public string Coupon(string couponId) => TillText.Printable(_coupons.GetValueOrDefault(couponId)?.Name ?? couponId);

    /// <summary>
    /// What a saving on a line is: the promotion's name, <c>member price (gold)</c>, or the coupon's name
    /// (<c>coupon CODE</c> when it has none).
    /// </summary>
    public string Saving(Adjustment adjustment, IReadOnlyList<CouponResult> coupons)
    {
        ArgumentNullException.ThrowIfNull(adjustment);
        ArgumentNullException.ThrowIfNull(coupons);
        string source = adjustment.Source;
        if (adjustment.Stage == PricingStage.Coupon)
        {
            var coupon = coupons.FirstOrDefault(c => string.Equals(c.Code, source, StringComparison.Ordinal));
            return coupon is not null && _coupons.GetValueOrDefault(coupon.CouponId)?.Name is { } name
                ? TillText.Printable(name)
                : $"coupon {TillText.Printable(source)}";
        }
        if (adjustment.Stage == PricingStage.Item && source.StartsWith("member:", StringComparison.Ordinal))
            return $"member price ({TillText.Printable(source["member:".Length..])})";
        return Promotion(source);
    }

    /// <summary>Why a coupon was not used, as a sentence: <c>coupon LM-P10-2 is for online orders only</c>.</summary>
    public string Refusal(CouponResult coupon)
    {
        ArgumentNullException.ThrowIfNull(coupon);
        string code = TillText.Printable(coupon.Code);
        var definition = _coupons.GetValueOrDefault(coupon.CouponId);
        string why = coupon.Reason switch
        {
            CouponReason.UnknownCoupon => "is not one of the current offers",
            CouponReason.DuplicateCode => "was presented twice: it counts once",
            CouponReason.NotActive => "is not valid today",
            CouponReason.ChannelNotAllowed => definition?.Channels is ["online"] ? "is for online orders only" : "is not for this channel",
            CouponReason.StoreNotAllowed => "is not valid in this store",
            CouponReason.TierNotAllowed => definition?.MinTier is { } tier ? $"is for {TillText.Printable(tier)} members and above" : "is for members of a higher tier",
            CouponReason.MinSpendNotMet => definition?.MinSpend is { } spend ? $"needs a spend of {Money(spend)} on its items" : "needs a higher spend",
            CouponReason.NoEligibleItems => "applies to none of these items",
            CouponReason.NotInBestCombination => "is not needed: the other coupons save more",
            CouponReason.CodeUsed => "has already been used",
            CouponReason.LimitReached => "has run out",
            null => "is used",
            _ => "cannot be used",
        };
        return $"coupon {code} {why}";
    }

    /// <summary>
    /// A 凑单 hint as a sentence: <c>spend 12.00 more for 满399减40 to save 40.00</c>, <c>buy 1 more item for 满3件85折</c>,
    /// <c>spend 20.00 more to use coupon 满300减30</c>.
    /// </summary>
    /// <param name="hint">The engine's hint.</param>
    /// <param name="giftName">The gift's product name, when the hint brings one.</param>
    /// <param name="coupon">The coupon (by code) when the hint is about a coupon's minimum spend; null for a promotion.</param>
    public string Hint(HintResult hint, string? giftName, CouponResult? coupon)
    {
        ArgumentNullException.ThrowIfNull(hint);
        string what = hint.ShortfallIsQuantity
            ? $"buy {hint.Shortfall} more {(hint.Shortfall == 1 ? "item" : "items")}"
            : $"spend {MinorUnits.Format(hint.Shortfall, _digits)} more";
        string text = coupon is not null
            ? $"{what} to use coupon {(_coupons.GetValueOrDefault(coupon.CouponId)?.Name is { } name ? TillText.Printable(name) : TillText.Printable(coupon.Code))}"
            : $"{what} for {Promotion(hint.Source)}";
        bool saves = hint.Saving is > 0;
        if (saves) text += $" to save {MinorUnits.Format(hint.Saving!.Value, _digits)}";
        if (giftName is not null && hint.Gift is { } gift) text += $"{(saves ? " and" : " to")} get {gift.Quantity} x {TillText.Printable(giftName)}";
        return text;
    }

    private string Money(decimal major) => MinorUnits.TryFromMajor(major, _digits, out long minor) ? MinorUnits.Format(minor, _digits) : major.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
