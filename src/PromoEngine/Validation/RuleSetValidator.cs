using PromoEngine.Definitions;
using PromoEngine.Json;
using PromoEngine.Money;

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
            NotEmpty(path, tiers.Count);
            for (int i = 0; i < tiers.Count; i++)
            {
                if (tiers[i] is not { } tier) continue;
                LazyPath itemPath = path.Index(i);
                if (tier.Length == 0) _errors.Add(itemPath, "a tier must be a non-empty string");
                else if (!_tiers.Add(tier)) _errors.Add(itemPath, $"duplicate tier \"{tier}\"");
            }
        }

        if (_rules.Layers is { } layers)
        {
            LazyPath path = P(root, "layers");
            NotEmpty(path, layers.Count);
            for (int i = 0; i < layers.Count; i++)
            {
                if (layers[i] is not { } layer) continue;
                LazyPath layerPath = path.Index(i);
                if (RequireText(layerPath, "id", layer.Id) && !_layers.Add(layer.Id!))
                    _errors.Add(P(layerPath, "id"), $"duplicate layer id \"{layer.Id}\"");
                if (layer.MaxCoupons < 0) _errors.Add(P(layerPath, "maxCoupons"), $"must be 0 or more, got {layer.MaxCoupons}");
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
        if (_rules.DefaultFunder is { Length: 0 }) _errors.Add(P(root, "defaultFunder"), "defaultFunder must not be empty");
        if (_rules.CouponSearch is { MaxChoices: < 1 } search)
            _errors.Add(P(P(root, "couponSearch"), "maxChoices"), $"must be 1 or more, got {search.MaxChoices}");
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
                _errors.Add(digitsPath, $"must be between 0 and {Currencies.MaxMinorDigits}, got {declared}");
            else if (known && declared != knownDigits)
                _errors.Add(digitsPath, $"{_rules.Currency} has {knownDigits} minor digits, not {declared}");
            else
                _digits = declared;
        }
        else if (known)
        {
            _digits = knownDigits;
        }
        else
        {
            _errors.Add(path, $"unknown currency \"{_rules.Currency}\": give \"minorDigits\" for it");
        }
    }

    private void ValidateMemberPrice(MemberPriceDefinition entry, LazyPath path)
    {
        if (entry.MinTier is null) _errors.Add(P(path, "minTier"), "minTier is required");
        ValidateCommon(path, entry.Scope, entry.Window, entry.Channels, entry.Stores, entry.MinTier);
        if (entry.Price is not null && entry.PercentOff is not null)
            _errors.Add(P(path, "percentOff"), "give either price or percentOff, not both");
        else if (entry.Price is null && entry.PercentOff is null)
            _errors.Add(P(path, "price"), "price or percentOff is required");
        if (entry.Price is not null && entry.Sku is null) _errors.Add(P(path, "sku"), "a fixed member price needs the sku it prices");
        if (entry.Sku is { Length: 0 }) _errors.Add(P(path, "sku"), "sku must not be empty");
        Money(P(path, "price"), entry.Price);
        Percent(P(path, "percentOff"), entry.PercentOff);
        Funding(P(path, "funding"), entry.Funding);
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
                if (Require(P(path, "n"), promotion.N) && promotion.N < 2) _errors.Add(P(path, "n"), $"must be 2 or more, got {promotion.N}");
                ExactlyOne(path, ("percentOff", promotion.PercentOff), ("amountOff", promotion.AmountOff), ("price", promotion.Price));
                Percent(P(path, "percentOff"), promotion.PercentOff);
                Money(P(path, "amountOff"), promotion.AmountOff);
                Money(P(path, "price"), promotion.Price);
                Limit(path, promotion.LimitPerOrder);
                break;
            case PromotionKind.BuyXGetY:
                if (Require(P(path, "buy"), promotion.Buy) && promotion.Buy < 1) _errors.Add(P(path, "buy"), $"must be 1 or more, got {promotion.Buy}");
                if (Require(P(path, "get"), promotion.Get) && promotion.Get < 1) _errors.Add(P(path, "get"), $"must be 1 or more, got {promotion.Get}");
                if (promotion.Buy is > 0 && promotion.Get is > 0 && promotion.Buy > long.MaxValue - promotion.Get)
                    _errors.Add(P(path, "get"), "buy + get is too large");
                Limit(path, promotion.LimitPerOrder);
                break;
            case PromotionKind.Bundle:
                ValidateBundle(promotion, path);
                break;
            case PromotionKind.Threshold:
                ValidateThreshold(promotion, path);
                break;
            default:
                _errors.Add(P(path, "kind"), "kind is required: one of " + string.Join(", ", JsonNames.Kinds.Keys));
                break;
        }
        Texts(path, promotion.Name, promotion.Description);
        Funding(P(path, "funding"), promotion.Funding);
        // A promotion without a valid kind has its kind error; which limits belong to it is unknown.
        bool unknownKind = promotion.Kind is null;
        Limits(path, promotion.Limits,
            unitsAllowed: unknownKind || promotion.Kind is not PromotionKind.Threshold,
            budgetAllowed: unknownKind || promotion.Kind is PromotionKind.Threshold);
    }

    private void ValidateBundle(PromotionDefinition promotion, LazyPath path)
    {
        LazyPath componentsPath = P(path, "components");
        if (Require(componentsPath, promotion.Components)) NotEmpty(componentsPath, promotion.Components!.Count);
        ForEach(promotion.Components, componentsPath, (component, componentPath) =>
        {
            if (component.Scope is { } scope) ValidateScope(P(componentPath, "scope"), scope);
            if (Require(P(componentPath, "quantity"), component.Quantity) && component.Quantity < 1)
                _errors.Add(P(componentPath, "quantity"), $"must be 1 or more, got {component.Quantity}");
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
            _errors.Add(P(path, "repeat"), "give either tiers or repeat, not both");
        else if (promotion.Tiers is null && promotion.Repeat is null)
            _errors.Add(P(path, "tiers"), "tiers or repeat is required");

        if (promotion.Tiers is { } tiers)
        {
            LazyPath tiersPath = P(path, "tiers");
            NotEmpty(tiersPath, tiers.Count);
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
                        _errors.Add(atLeastPath, $"tiers must be strictly increasing: {tier.AtLeast} is not above {previous}");
                    previous = tier.AtLeast;
                }
                if (tier.AmountOff is not null && tier.PercentOff is not null)
                    _errors.Add(P(tierPath, "percentOff"), "give either amountOff or percentOff, not both");
                if (tier.AmountOff is null && tier.PercentOff is null && tier.Gift is null)
                    _errors.Add(P(tierPath, "amountOff"), "a tier needs amountOff, percentOff or gift");
                Money(P(tierPath, "amountOff"), tier.AmountOff);
                Percent(P(tierPath, "percentOff"), tier.PercentOff);
                Money(P(tierPath, "maxOff"), tier.MaxOff);
                if (tier.Gift is { } gift)
                {
                    LazyPath giftPath = P(tierPath, "gift");
                    RequireText(giftPath, "sku", gift.Sku);
                    if (gift.Quantity < 1) _errors.Add(P(giftPath, "quantity"), $"must be 1 or more, got {gift.Quantity}");
                }
            }
        }

        if (promotion.Repeat is { } repeat)
        {
            LazyPath repeatPath = P(path, "repeat");
            LazyPath everyPath = P(repeatPath, "every");
            if (Require(everyPath, repeat.Every))
            {
                if (repeat.Every <= 0) _errors.Add(everyPath, $"must be above 0, got {repeat.Every}");
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
        Funding(P(path, "funding"), coupon.Funding);
        Limits(path, coupon.Limits, unitsAllowed: false, budgetAllowed: true);
        AtLeastOne(P(path, "usesPerCode"), coupon.UsesPerCode);
    }

    private void ValidatePoints(PointsDefinition points, LazyPath path)
    {
        var perUnit = P(path, "pointsPerUnit");
        if (Require(perUnit, points.PointsPerUnit) && points.PointsPerUnit < 1)
            _errors.Add(perUnit, $"must be 1 or more, got {points.PointsPerUnit}");
        Percent(P(path, "maxPercent"), points.MaxPercent);
        if (points.MinPoints < 0) _errors.Add(P(path, "minPoints"), $"must be 0 or more, got {points.MinPoints}");
        if (points.Step < 1) _errors.Add(P(path, "step"), $"must be 1 or more, got {points.Step}");
        if (points.MaxPoints < 0) _errors.Add(P(path, "maxPoints"), $"must be 0 or more, got {points.MaxPoints}");
        if (points.Scope is { } scope) ValidateScope(P(path, "scope"), scope);
        if (points.EarnPerUnit is { } earn)
        {
            if (earn < 0 || earn > MaxEarnPerUnit) _errors.Add(P(path, "earnPerUnit"), $"must be between 0 and {MaxEarnPerUnit}, got {earn}");
            else if (!MinorUnits.HasAtMostDigits(earn, 8)) _errors.Add(P(path, "earnPerUnit"), "at most 8 decimals");
        }
        Funding(P(path, "funding"), points.Funding);
    }

    /// <summary>Spec §10 and §14: one non-empty party id, or shares of distinct parties that sum to exactly 100.</summary>
    private void Funding(LazyPath path, FundingDefinition? funding)
    {
        if (funding is null) return;
        if (funding.Party is not null && funding.Shares is not null) { _errors.Add(path, "give either a party id or a list of shares, not both"); return; }
        if (funding.Party is { } party)
        {
            if (party.Length == 0) _errors.Add(path, "a party id must not be empty");
            return;
        }
        if (funding.Shares is not { } shares) { _errors.Add(path, "a party id or a list of shares is required"); return; }
        NotEmpty(path, shares.Count);
        var parties = new HashSet<string>(StringComparer.Ordinal);
        decimal sum = 0;
        bool summable = shares.Count > 0;
        for (int i = 0; i < shares.Count; i++)
        {
            if (shares[i] is not { } share) { summable = false; continue; }
            LazyPath sharePath = path.Index(i);
            if (RequireText(sharePath, "party", share.Party) && !parties.Add(share.Party!))
                _errors.Add(P(sharePath, "party"), $"duplicate party \"{share.Party}\"");
            LazyPath percentPath = P(sharePath, "percent");
            if (Require(percentPath, share.Percent) && Percent(percentPath, share.Percent)) sum += share.Percent!.Value;
            else summable = false;
        }
        if (summable && sum != 100) _errors.Add(path, $"the shares' percents must sum to 100, got {sum}");
    }

    /// <summary>Spec §11 and §14: at least one member; units only where the kind counts units; budget only on thresholds and coupons.</summary>
    private void Limits(LazyPath parent, LimitsDefinition? limits, bool unitsAllowed, bool budgetAllowed)
    {
        if (limits is null) return;
        LazyPath path = P(parent, "limits");
        if (limits is { Uses: null, UsesPerCustomer: null, Units: null, UnitsPerCustomer: null, Budget: null })
        {
            _errors.Add(path, "limits needs at least one of uses, usesPerCustomer, units, unitsPerCustomer, budget");
            return;
        }
        AtLeastOne(P(path, "uses"), limits.Uses);
        AtLeastOne(P(path, "usesPerCustomer"), limits.UsesPerCustomer);
        const string unitsWhere = "is allowed only on specialPrice, itemDiscount, nthItem, buyXGetY and bundle promotions";
        if (limits.Units is not null && !unitsAllowed) _errors.Add(P(path, "units"), "units " + unitsWhere);
        else AtLeastOne(P(path, "units"), limits.Units);
        if (limits.UnitsPerCustomer is not null && !unitsAllowed) _errors.Add(P(path, "unitsPerCustomer"), "unitsPerCustomer " + unitsWhere);
        else AtLeastOne(P(path, "unitsPerCustomer"), limits.UnitsPerCustomer);
        if (limits.Budget is not { } budget) return;
        LazyPath budgetPath = P(path, "budget");
        if (!budgetAllowed) _errors.Add(budgetPath, "budget is allowed only on threshold promotions and coupons");
        else if (budget <= 0) _errors.Add(budgetPath, $"must be above 0, got {budget}");
        else Money(budgetPath, budget);
    }

    private void Texts(LazyPath path, string? name, string? description)
    {
        if (name is { Length: 0 }) _errors.Add(P(path, "name"), "name must not be empty");
        if (description is { Length: 0 }) _errors.Add(P(path, "description"), "description must not be empty");
    }

    private void AtLeastOne(LazyPath path, long? value)
    {
        if (value < 1) _errors.Add(path, $"must be 1 or more, got {value}");
    }

    private void ValidateCommon(LazyPath path, ScopeDefinition? scope, WindowDefinition? window,
        IReadOnlyList<string>? channels, IReadOnlyList<string>? stores, string? minTier)
    {
        if (scope is not null) ValidateScope(P(path, "scope"), scope);
        if (window is { From: { } from, To: { } to } && from >= to)
            _errors.Add(P(P(path, "window"), "to"), $"window.to ({to:O}) must be after window.from ({from:O})");
        if (channels is not null)
        {
            LazyPath channelsPath = P(path, "channels");
            NotEmpty(channelsPath, channels.Count);
            for (int i = 0; i < channels.Count; i++)
                if (channels[i] is { } channel && channel is not ("online" or "store"))
                    _errors.Add(channelsPath.Index(i), $"unknown channel \"{channel}\"; expected \"online\" or \"store\"");
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
        NotEmpty(path, values.Count);
    }

    private void NotEmpty(LazyPath path, int count)
    {
        if (count == 0) _errors.Add(path, "an empty list is not allowed: omit the field instead");
    }

    private void ValidateId(LazyPath path, string? id)
    {
        if (RequireText(path, "id", id) && !_ids.Add(id!))
            _errors.Add(P(path, "id"), $"duplicate id \"{id}\" (promotions and coupons share one id space)");
    }

    private void Tier(LazyPath path, string tier)
    {
        if (!_tiers.Contains(tier)) _errors.Add(path, $"undefined tier \"{tier}\"");
    }

    private void Layer(LazyPath path, string? layer)
    {
        if (layer is not null && !_layers.Contains(layer)) _errors.Add(P(path, "layer"), $"undefined layer \"{layer}\"");
    }

    private void Limit(LazyPath path, long? limit)
    {
        if (limit < 1) _errors.Add(P(path, "limitPerOrder"), $"must be 1 or more, got {limit}");
    }

    private void Money(LazyPath path, decimal? value)
    {
        if (value is not { } amount) return;
        if (amount < 0) _errors.Add(path, $"must not be negative, got {amount}");
        else if (_digits is { } digits)
        {
            if (!MinorUnits.HasAtMostDigits(amount, digits))
                _errors.Add(path, $"{amount} has more decimals than {_rules.Currency} allows ({digits})");
            else if (!MinorUnits.TryFromMajor(amount, digits, out _))
                _errors.Add(path, $"{amount} is too large");
        }
    }

    private void Basis(LazyPath path, decimal? value, bool quantity, bool allowZero)
    {
        if (value is not { } amount) return;
        if (amount < 0 || (!allowZero && amount == 0)) { _errors.Add(path, $"must not be negative, got {amount}"); return; }
        if (quantity)
        {
            if (amount != decimal.Truncate(amount) || amount > long.MaxValue)
                _errors.Add(path, $"a quantity basis needs a whole number of units, got {amount}");
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
        if (percent <= 0 || percent > 100) _errors.Add(path, $"must be in (0, 100], got {percent}");
        else if (!MinorUnits.HasAtMostDigits(percent, 8)) _errors.Add(path, $"at most 8 decimals, got {percent}");
        else return true;
        return false;
    }

    private void ExactlyOne(LazyPath path, params (string Name, decimal? Value)[] fields)
    {
        var given = fields.Where(f => f.Value is not null).ToArray();
        if (given.Length == 0)
            _errors.Add(P(path, fields[0].Name), $"one of {string.Join(", ", fields.Select(f => f.Name))} is required");
        else if (given.Length > 1)
            _errors.Add(P(path, given[1].Name), $"give only one of {string.Join(", ", fields.Select(f => f.Name))}");
    }

    private bool Require(LazyPath path, object? value)
    {
        if (value is not null) return true;
        _errors.Add(path, $"{LastName(path)} is required");
        return false;
    }

    private bool RequireText(LazyPath parent, string name, string? value)
    {
        LazyPath path = P(parent, name);
        if (value is null) { _errors.Add(path, $"{name} is required"); return false; }
        if (value.Length == 0) { _errors.Add(path, $"{name} must not be empty"); return false; }
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
