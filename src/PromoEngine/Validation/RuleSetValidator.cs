using PromoEngine.Definitions;
using PromoEngine.Json;
using PromoEngine.Money;
using static PromoEngine.Validation.ErrorCatalog;

namespace PromoEngine.Validation;

/// <summary>Checks a rule set against spec §3 and §9, recording every error with its JSON path.</summary>
internal sealed class RuleSetValidator
{
    /// <summary>The largest points earned per major unit: keeps points earned on any payable within range.</summary>
    public const decimal MaxEarnPerUnit = 10_000m;

    private readonly ErrorSink _errors;
    private readonly RuleSetDefinition _rules;
    private readonly HashSet<string> _tiers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _layers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private int? _digits;

    private RuleSetValidator(RuleSetDefinition rules, ErrorSink errors)
    {
        _rules = rules;
        _errors = errors;
    }

    public static void Validate(RuleSetDefinition rules, ErrorSink errors) => new RuleSetValidator(rules, errors).Run();

    private void Run()
    {
        var root = LazyPath.Root;
        RequireText(root, "id", _rules.Id);
        RequireText(root, "version", _rules.Version);
        ValidateCurrency();

        if (_rules.Tiers is { } tiers)
        {
            LazyPath path = P(root, "tiers");
            NonEmptyList(path, tiers.Count);
            for (int i = 0; i < tiers.Count; i++)
            {
                if (tiers[i] is not { } tier) continue;
                LazyPath itemPath = path.Index(i);
                if (tier.Length == 0) _errors.Add(itemPath, TierNotEmpty);
                else if (!_tiers.Add(tier)) _errors.Add(itemPath, DuplicateTier(tier));
            }
        }

        if (_rules.Layers is { } layers)
        {
            LazyPath path = P(root, "layers");
            NonEmptyList(path, layers.Count);
            for (int i = 0; i < layers.Count; i++)
            {
                if (layers[i] is not { } layer) continue;
                LazyPath layerPath = path.Index(i);
                if (RequireText(layerPath, "id", layer.Id) && !_layers.Add(layer.Id!))
                    _errors.Add(P(layerPath, "id"), DuplicateLayer(layer.Id!));
                Min(layerPath, "maxCoupons", 0, layer.MaxCoupons);
            }
        }
        else
        {
            _layers.Add(Compilation.RuleSetCompiler.DefaultLayerId);
        }

        ForEach(_rules.MemberPrices, P(root, "memberPrices"), ValidateMemberPrice);
        ForEach(_rules.Promotions, P(root, "promotions"), ValidatePromotion);
        ForEach(_rules.Coupons, P(root, "coupons"), ValidateCoupon);
        if (_rules.Points is { } points) ValidatePoints(points, P(root, "points"));
        if (_rules.DefaultFunder is { Length: 0 }) _errors.Add(P(root, "defaultFunder"), NotEmpty("defaultFunder"));
        if (_rules.CouponSearch is { } search) Min(P(root, "couponSearch"), "maxChoices", 1, search.MaxChoices);
    }

    private void ValidateCurrency()
    {
        LazyPath path = P(LazyPath.Root, "currency");
        LazyPath digitsPath = P(LazyPath.Root, "minorDigits");
        if (!RequireText(LazyPath.Root, "currency", _rules.Currency)) return;
        bool known = Currencies.TryGetMinorDigits(_rules.Currency!, out int knownDigits);
        if (_rules.MinorDigits is { } declared)
        {
            if (declared is < 0 or > Currencies.MaxMinorDigits)
                _errors.Add(digitsPath, Between(0, Currencies.MaxMinorDigits, declared));
            else if (known && declared != knownDigits)
                _errors.Add(digitsPath, MinorDigitsMismatch(_rules.Currency!, knownDigits, declared));
            else
                _digits = declared;
        }
        else if (known)
        {
            _digits = knownDigits;
        }
        else
        {
            _errors.Add(path, UnknownCurrency(_rules.Currency!));
        }
    }

    private void ValidateMemberPrice(MemberPriceDefinition entry, LazyPath path)
    {
        if (entry.MinTier is null) _errors.Add(P(path, "minTier"), Required("minTier"));
        ValidateCommon(path, entry.Scope, entry.Window, entry.Channels, entry.Stores, entry.MinTier);
        if (entry.Price is not null && entry.PercentOff is not null)
            _errors.Add(P(path, "percentOff"), EitherNotBoth("price", "percentOff"));
        else if (entry.Price is null && entry.PercentOff is null)
            _errors.Add(P(path, "price"), EitherRequired("price", "percentOff"));
        if (entry.Price is not null && entry.Sku is null) _errors.Add(P(path, "sku"), FixedPriceNeedsSku);
        if (entry.Sku is { Length: 0 }) _errors.Add(P(path, "sku"), NotEmpty("sku"));
        Money(P(path, "price"), entry.Price);
        Percent(P(path, "percentOff"), entry.PercentOff);
        Funding(path, entry.Funding);
    }

    private void ValidatePromotion(PromotionDefinition promotion, LazyPath path)
    {
        ValidateId(path, promotion.Id);
        ValidateCommon(path, promotion.Scope, promotion.Window, promotion.Channels, promotion.Stores, promotion.MinTier);
        switch (promotion.Kind)
        {
            case PromotionKind.SpecialPrice:
                Require(P(path, "price"), promotion.Price);
                Money(P(path, "price"), promotion.Price);
                Limit(path, promotion.LimitPerOrder);
                break;
            case PromotionKind.ItemDiscount:
                ExactlyOne(path, ("percentOff", promotion.PercentOff), ("amountOff", promotion.AmountOff));
                Percent(P(path, "percentOff"), promotion.PercentOff);
                Money(P(path, "amountOff"), promotion.AmountOff);
                break;
            case PromotionKind.NthItem:
                if (Require(P(path, "n"), promotion.N)) Min(path, "n", 2, promotion.N);
                ExactlyOne(path, ("percentOff", promotion.PercentOff), ("amountOff", promotion.AmountOff), ("price", promotion.Price));
                Percent(P(path, "percentOff"), promotion.PercentOff);
                Money(P(path, "amountOff"), promotion.AmountOff);
                Money(P(path, "price"), promotion.Price);
                Limit(path, promotion.LimitPerOrder);
                break;
            case PromotionKind.BuyXGetY:
                if (Require(P(path, "buy"), promotion.Buy)) Min(path, "buy", 1, promotion.Buy);
                if (Require(P(path, "get"), promotion.Get)) Min(path, "get", 1, promotion.Get);
                if (promotion.Buy is > 0 && promotion.Get is > 0 && promotion.Buy > long.MaxValue - promotion.Get)
                    _errors.Add(P(path, "get"), BuyPlusGetTooLarge);
                Limit(path, promotion.LimitPerOrder);
                break;
            case PromotionKind.Bundle:
                ValidateBundle(promotion, path);
                break;
            case PromotionKind.Threshold:
                ValidateThreshold(promotion, path);
                break;
            default:
                _errors.Add(P(path, "kind"), KindRequired(JsonNames.Kinds.Names));
                break;
        }
        Texts(path, promotion.Name, promotion.Description);
        Funding(path, promotion.Funding);
        // A promotion without a valid kind has its kind error; which limits belong to it is unknown.
        bool unknownKind = promotion.Kind is null;
        Limits(path, promotion.Limits,
            unitsAllowed: unknownKind || promotion.Kind is not PromotionKind.Threshold,
            budgetAllowed: unknownKind || promotion.Kind is PromotionKind.Threshold);
    }

    private void ValidateBundle(PromotionDefinition promotion, LazyPath path)
    {
        LazyPath componentsPath = P(path, "components");
        if (Require(componentsPath, promotion.Components)) NonEmptyList(componentsPath, promotion.Components!.Count);
        ForEach(promotion.Components, componentsPath, (component, componentPath) =>
        {
            if (component.Scope is { } scope) ValidateScope(P(componentPath, "scope"), scope);
            if (Require(P(componentPath, "quantity"), component.Quantity)) Min(componentPath, "quantity", 1, component.Quantity);
        });
        Require(P(path, "price"), promotion.Price);
        Money(P(path, "price"), promotion.Price);
        Limit(path, promotion.LimitPerOrder);
    }

    private void ValidateThreshold(PromotionDefinition promotion, LazyPath path)
    {
        Layer(path, promotion.Layer);
        bool quantity = promotion.Basis == ThresholdBasis.Quantity;
        if (promotion.Tiers is not null && promotion.Repeat is not null)
            _errors.Add(P(path, "repeat"), EitherNotBoth("tiers", "repeat"));
        else if (promotion.Tiers is null && promotion.Repeat is null)
            _errors.Add(P(path, "tiers"), EitherRequired("tiers", "repeat"));

        if (promotion.Tiers is { } tiers)
        {
            LazyPath tiersPath = P(path, "tiers");
            NonEmptyList(tiersPath, tiers.Count);
            decimal? previous = null;
            for (int i = 0; i < tiers.Count; i++)
            {
                if (tiers[i] is not { } tier) continue;
                LazyPath tierPath = tiersPath.Index(i);
                LazyPath atLeastPath = P(tierPath, "atLeast");
                if (Require(atLeastPath, tier.AtLeast))
                {
                    Basis(atLeastPath, tier.AtLeast, quantity, allowZero: true);
                    if (previous is not null && tier.AtLeast <= previous)
                        _errors.Add(atLeastPath, NotIncreasing(tier.AtLeast!.Value, previous.Value));
                    previous = tier.AtLeast;
                }
                if (tier.AmountOff is not null && tier.PercentOff is not null)
                    _errors.Add(P(tierPath, "percentOff"), EitherNotBoth("amountOff", "percentOff"));
                if (tier.AmountOff is null && tier.PercentOff is null && tier.Gift is null)
                    _errors.Add(P(tierPath, "amountOff"), TierNeedsDiscount);
                Money(P(tierPath, "amountOff"), tier.AmountOff);
                Percent(P(tierPath, "percentOff"), tier.PercentOff);
                Money(P(tierPath, "maxOff"), tier.MaxOff);
                if (tier.Gift is { } gift)
                {
                    LazyPath giftPath = P(tierPath, "gift");
                    RequireText(giftPath, "sku", gift.Sku);
                    Min(giftPath, "quantity", 1, gift.Quantity);
                }
            }
        }

        if (promotion.Repeat is { } repeat)
        {
            LazyPath repeatPath = P(path, "repeat");
            LazyPath everyPath = P(repeatPath, "every");
            if (Require(everyPath, repeat.Every))
            {
                if (repeat.Every <= 0) _errors.Add(everyPath, AboveZero(repeat.Every!.Value));
                else Basis(everyPath, repeat.Every, quantity, allowZero: false);
            }
            Require(P(repeatPath, "amountOff"), repeat.AmountOff);
            Money(P(repeatPath, "amountOff"), repeat.AmountOff);
            Money(P(repeatPath, "cap"), repeat.Cap);
        }
    }

    private void ValidateCoupon(CouponDefinition coupon, LazyPath path)
    {
        ValidateId(path, coupon.Id);
        Layer(path, coupon.Layer);
        ValidateCommon(path, coupon.Scope, coupon.Window, coupon.Channels, coupon.Stores, coupon.MinTier);
        ExactlyOne(path, ("amountOff", coupon.AmountOff), ("percentOff", coupon.PercentOff));
        Money(P(path, "minSpend"), coupon.MinSpend);
        Money(P(path, "amountOff"), coupon.AmountOff);
        Percent(P(path, "percentOff"), coupon.PercentOff);
        Money(P(path, "maxOff"), coupon.MaxOff);
        Texts(path, coupon.Name, coupon.Description);
        Funding(path, coupon.Funding);
        Limits(path, coupon.Limits, unitsAllowed: false, budgetAllowed: true);
        Min(path, "usesPerCode", 1, coupon.UsesPerCode);
    }

    private void ValidatePoints(PointsDefinition points, LazyPath path)
    {
        var perUnit = P(path, "pointsPerUnit");
        if (Require(perUnit, points.PointsPerUnit)) Min(path, "pointsPerUnit", 1, points.PointsPerUnit);
        Percent(P(path, "maxPercent"), points.MaxPercent);
        Min(path, "minPoints", 0, points.MinPoints);
        Min(path, "step", 1, points.Step);
        Min(path, "maxPoints", 0, points.MaxPoints);
        if (points.Scope is { } scope) ValidateScope(P(path, "scope"), scope);
        if (points.EarnPerUnit is { } earn)
        {
            if (earn < 0 || earn > MaxEarnPerUnit) _errors.Add(P(path, "earnPerUnit"), Between(0, MaxEarnPerUnit, earn));
            else if (!MinorUnits.HasAtMostDigits(earn, 8)) _errors.Add(P(path, "earnPerUnit"), RateAtMost8Decimals);
        }
        Funding(path, points.Funding);
    }

    /// <summary>Spec §10 and §14: one non-empty party id, or shares of distinct parties that sum to exactly 100.</summary>
    private void Funding(LazyPath parent, FundingDefinition? funding)
    {
        if (funding is null) return;
        LazyPath path = P(parent, "funding");
        if (funding.Party is not null && funding.Shares is not null) { _errors.Add(path, PartyAndShares); return; }
        if (funding.Party is { } party)
        {
            if (party.Length == 0) _errors.Add(path, PartyNotEmpty);
            return;
        }
        if (funding.Shares is not { } shares) { _errors.Add(path, PartyOrShares); return; }
        NonEmptyList(path, shares.Count);
        var parties = new HashSet<string>(StringComparer.Ordinal);
        decimal sum = 0;
        bool summable = shares.Count > 0;
        for (int i = 0; i < shares.Count; i++)
        {
            if (shares[i] is not { } share) { summable = false; continue; }
            LazyPath sharePath = path.Index(i);
            if (RequireText(sharePath, "party", share.Party) && !parties.Add(share.Party!))
                _errors.Add(P(sharePath, "party"), DuplicateParty(share.Party!));
            LazyPath percentPath = P(sharePath, "percent");
            if (Require(percentPath, share.Percent) && Percent(percentPath, share.Percent)) sum += share.Percent!.Value;
            else summable = false;
        }
        if (summable && sum != 100) _errors.Add(path, SharesSum(sum));
    }

    /// <summary>Spec §11 and §14: at least one member; units only where the kind counts units; budget only on thresholds and coupons.</summary>
    private void Limits(LazyPath parent, LimitsDefinition? limits, bool unitsAllowed, bool budgetAllowed)
    {
        if (limits is null) return;
        LazyPath path = P(parent, "limits");
        if (limits is { Uses: null, UsesPerCustomer: null, Units: null, UnitsPerCustomer: null, Budget: null })
        {
            _errors.Add(path, LimitsEmpty);
            return;
        }
        Min(path, "uses", 1, limits.Uses);
        Min(path, "usesPerCustomer", 1, limits.UsesPerCustomer);
        if (limits.Units is not null && !unitsAllowed) _errors.Add(P(path, "units"), UnitsNotAllowed("units"));
        else Min(path, "units", 1, limits.Units);
        if (limits.UnitsPerCustomer is not null && !unitsAllowed) _errors.Add(P(path, "unitsPerCustomer"), UnitsNotAllowed("unitsPerCustomer"));
        else Min(path, "unitsPerCustomer", 1, limits.UnitsPerCustomer);
        if (limits.Budget is not { } budget) return;
        LazyPath budgetPath = P(path, "budget");
        if (!budgetAllowed) _errors.Add(budgetPath, BudgetNotAllowed);
        else if (budget <= 0) _errors.Add(budgetPath, AboveZero(budget));
        else Money(budgetPath, budget);
    }

    private void Texts(LazyPath path, string? name, string? description)
    {
        if (name is { Length: 0 }) _errors.Add(P(path, "name"), NotEmpty("name"));
        if (description is { Length: 0 }) _errors.Add(P(path, "description"), NotEmpty("description"));
    }

    /// <summary>Reports <paramref name="parent"/>.<paramref name="name"/> below <paramref name="minimum"/>; the path is built only then.</summary>
    private void Min(LazyPath parent, string name, long minimum, long? value)
    {
        if (value < minimum) _errors.Add(P(parent, name), AtLeast(minimum, value.Value));
    }

    private void ValidateCommon(LazyPath path, ScopeDefinition? scope, WindowDefinition? window,
        IReadOnlyList<string>? channels, IReadOnlyList<string>? stores, string? minTier)
    {
        if (scope is not null) ValidateScope(P(path, "scope"), scope);
        if (window is { From: { } from, To: { } to } && from >= to)
            _errors.Add(P(P(path, "window"), "to"), WindowOrder(from, to));
        if (channels is not null)
        {
            LazyPath channelsPath = P(path, "channels");
            NonEmptyList(channelsPath, channels.Count);
            for (int i = 0; i < channels.Count; i++)
                if (channels[i] is { } channel && channel is not ("online" or "store"))
                    _errors.Add(channelsPath.Index(i), UnknownChannel(channel));
        }
        if (stores is not null) StringList(P(path, "stores"), stores);
        if (minTier is not null) Tier(P(path, "minTier"), minTier);
    }

    private void ValidateScope(LazyPath path, ScopeDefinition scope)
    {
        StringList(P(path, "skus"), scope.Skus);
        StringList(P(path, "categories"), scope.Categories);
        StringList(P(path, "brands"), scope.Brands);
        StringList(P(path, "tags"), scope.Tags);
        StringList(P(path, "excludeSkus"), scope.ExcludeSkus);
        StringList(P(path, "excludeCategories"), scope.ExcludeCategories);
        StringList(P(path, "excludeBrands"), scope.ExcludeBrands);
        StringList(P(path, "excludeTags"), scope.ExcludeTags);
    }

    private void StringList(LazyPath path, IReadOnlyList<string>? values)
    {
        if (values is null) return;
        NonEmptyList(path, values.Count);
    }

    private void NonEmptyList(LazyPath path, int count)
    {
        if (count == 0) _errors.Add(path, EmptyList);
    }

    private void ValidateId(LazyPath path, string? id)
    {
        if (RequireText(path, "id", id) && !_ids.Add(id!))
            _errors.Add(P(path, "id"), DuplicateId(id!));
    }

    private void Tier(LazyPath path, string tier)
    {
        if (!_tiers.Contains(tier)) _errors.Add(path, UndefinedTier(tier));
    }

    private void Layer(LazyPath path, string? layer)
    {
        if (layer is not null && !_layers.Contains(layer)) _errors.Add(P(path, "layer"), UndefinedLayer(layer));
    }

    private void Limit(LazyPath path, long? limit)
    {
        Min(path, "limitPerOrder", 1, limit);
    }

    private void Money(LazyPath path, decimal? value)
    {
        if (value is not { } amount) return;
        if (amount < 0) _errors.Add(path, Negative(amount));
        else if (_digits is { } digits)
        {
            if (!MinorUnits.HasAtMostDigits(amount, digits))
                _errors.Add(path, TooManyDecimals(amount, _rules.Currency!, digits));
            else if (!MinorUnits.TryFromMajor(amount, digits, out _))
                _errors.Add(path, TooLarge(amount));
        }
    }

    private void Basis(LazyPath path, decimal? value, bool quantity, bool allowZero)
    {
        if (value is not { } amount) return;
        if (amount < 0 || (!allowZero && amount == 0)) { _errors.Add(path, Negative(amount)); return; }
        if (quantity)
        {
            if (amount != decimal.Truncate(amount) || amount > long.MaxValue)
                _errors.Add(path, WholeUnits(amount));
        }
        else
        {
            Money(path, amount);
        }
    }

    /// <summary>Whether the percentage is absent or valid; an invalid one is reported.</summary>
    private bool Percent(LazyPath path, decimal? value)
    {
        if (value is not { } percent) return true;
        if (percent <= 0 || percent > 100) _errors.Add(path, PercentRange(percent));
        else if (!MinorUnits.HasAtMostDigits(percent, 8)) _errors.Add(path, AtMost8Decimals(percent));
        else return true;
        return false;
    }

    private void ExactlyOne(LazyPath path, params (string Name, decimal? Value)[] fields)
    {
        var given = fields.Where(f => f.Value is not null).ToArray();
        if (given.Length == 0)
            _errors.Add(P(path, fields[0].Name), OneOfRequired(fields.Select(f => f.Name)));
        else if (given.Length > 1)
            _errors.Add(P(path, given[1].Name), OnlyOneOf(fields.Select(f => f.Name)));
    }

    private bool Require(LazyPath path, object? value)
    {
        if (value is not null) return true;
        _errors.Add(path, Required(LastName(path)));
        return false;
    }

    private bool RequireText(LazyPath parent, string name, string? value)
    {
        LazyPath path = P(parent, name);
        if (value is null) { _errors.Add(path, Required(name)); return false; }
        if (value.Length == 0) { _errors.Add(path, NotEmpty(name)); return false; }
        return true;
    }

    private static void ForEach<T>(IReadOnlyList<T?>? items, LazyPath path, Action<T, LazyPath> validate) where T : class
    {
        if (items is null) return;
        for (int i = 0; i < items.Count; i++)
            if (items[i] is { } item) validate(item, path.Index(i));
    }

    private static string LastName(LazyPath path) { string text = path.ToString(); return text[(text.LastIndexOf('.') + 1)..]; }

    private static LazyPath P(LazyPath parent, string name) => parent.Property(name);
}
