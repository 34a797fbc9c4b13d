using System.Collections.Frozen;
using PromoEngine.Definitions;
using PromoEngine.Money;

namespace PromoEngine.Compilation;

/// <summary>Turns a validated <see cref="RuleSetDefinition"/> into the read-only form the pass uses.</summary>
internal static class RuleSetCompiler
{
    public const string DefaultLayerId = "order";

    /// <summary>
    /// The coupon choice's budget of choices when the rule set gives none: far more than any realistic
    /// wallet needs to be chosen exactly, and few enough that no wallet keeps a core busy for long.
    /// </summary>
    public const long DefaultMaxChoices = 50_000;

    /// <summary>The party that funds every discount whose rule names none (spec §10).</summary>
    public const string DefaultFunder = "merchant";

    public static CompiledRuleSet Compile(RuleSetDefinition rules)
    {
        int digits = rules.MinorDigits ?? (Currencies.TryGetMinorDigits(rules.Currency!, out int d) ? d : 0);
        var tierRanks = new Dictionary<string, int>(StringComparer.Ordinal);
        var tiers = rules.Tiers ?? [];
        for (int i = 0; i < tiers.Count; i++) tierRanks[tiers[i]] = i + 1;
        var layers = (rules.Layers ?? [new LayerDefinition { Id = DefaultLayerId }])
            .Select(l => new CompiledLayer(l.Id!, l.MaxCoupons ?? 1)).ToArray();
        var layerIndex = layers.Select((l, i) => (l.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);

        string defaultFunder = rules.DefaultFunder ?? DefaultFunder;
        var parties = PartyTable.Of(rules, defaultFunder);
        CompiledFunding Funding(FundingDefinition? funding) => CompiledFunding.Compile(funding, defaultFunder, parties);
        var compiler = new Context(digits, tierRanks, Funding);
        var memberPrices = (rules.MemberPrices ?? []).Select((m, i) => new CompiledMemberPrice
        {
            Position = i,
            Tier = m.MinTier!,
            TierRank = tierRanks[m.MinTier!],
            Sku = m.Sku,
            Price = compiler.Minor(m.Price),
            PercentOff = Percent(m.PercentOff),
            Scope = Scope(m.Scope),
            Conditions = compiler.Conditions(m.Window, m.Channels, m.Stores, m.MinTier),
            Priority = m.Priority ?? 0,
            Source = "member:" + m.MinTier,
            Funding = Funding(m.Funding),
        }).ToArray();

        // Promotion order (priority desc, then id): ids are unique once validated, so an unstable sort is exact.
        var ordered = (rules.Promotions ?? []).ToArray();
        Array.Sort(ordered, static (a, b) =>
        {
            int byPriority = (b.Priority ?? 0).CompareTo(a.Priority ?? 0);
            return byPriority != 0 ? byPriority : string.CompareOrdinal(a.Id, b.Id);
        });
        var promotions = ordered.Select((p, rank) => compiler.Promotion(p, rank, layerIndex)).ToArray();

        var couponList = (rules.Coupons ?? []).Select((c, ordinal) => new CompiledCoupon
        {
            Id = c.Id!,
            Ordinal = ordinal,
            LayerIndex = c.Layer is null ? 0 : layerIndex[c.Layer],
            MinSpend = compiler.Minor(c.MinSpend) ?? 0,
            AmountOff = compiler.Minor(c.AmountOff),
            PercentOff = Percent(c.PercentOff),
            MaxOff = compiler.Minor(c.MaxOff),
            Exclusive = c.Exclusive ?? false,
            ExcludePromoted = c.ExcludePromoted ?? false,
            Scope = Scope(c.Scope),
            Conditions = compiler.Conditions(c.Window, c.Channels, c.Stores, c.MinTier),
            Priority = c.Priority ?? 0,
            Funding = Funding(c.Funding),
            Name = c.Name,
            Limits = CompiledLimits.Compile(c.Limits, digits),
            UsesPerCode = c.UsesPerCode ?? 1,
        }).ToArray();

        CompiledPoints? points = rules.Points is { } p ? new CompiledPoints
        {
            PointsPerUnit = p.PointsPerUnit!.Value,
            MaxPercent = Percentage.FromDecimal(p.MaxPercent ?? 100m),
            MinPoints = p.MinPoints ?? 0,
            Step = p.Step ?? 1,
            MaxPoints = p.MaxPoints,
            Scope = Scope(p.Scope),
            EarnPerUnit = p.EarnPerUnit ?? 0m,
        } : null;
        var pointsFunding = Funding(rules.Points?.Funding);

        // A promotion the index finds by something other than its own scope (a bundle, through its
        // components), or whose scope excludes, must still be checked against its scope per line.
        var indexScopes = promotions.Select(IndexScope).ToArray();
        var checkScopeAfterIndex = promotions.Select((p, rank) => !ReferenceEquals(indexScopes[rank], p.Scope) || p.Scope.HasExcludes).ToArray();
        var index = new ScopeIndex(
            indexScopes,
            memberPrices.Select(m => m.Sku is null ? m.Scope : SkuScope(m)).ToArray(),
            couponList.Select(c => c.Scope).ToArray());

        return new CompiledRuleSet
        {
            Definition = rules,
            Id = rules.Id!,
            Version = rules.Version!,
            Currency = rules.Currency!,
            MinorDigits = digits,
            Rounding = rules.Rounding ?? RoundingMode.HalfUp,
            TierRanks = tierRanks.ToFrozenDictionary(StringComparer.Ordinal),
            Layers = layers,
            MemberPrices = memberPrices,
            Promotions = promotions,
            PromotionGates = promotions.Select(p => new PromotionGate(p)).ToArray(),
            CheckScopeAfterIndex = checkScopeAfterIndex,
            PromotionPlaces = promotions.Select(PromotionPlace.Of).ToArray(),
            Index = index,
            Coupons = couponList.ToFrozenDictionary(c => c.Id, StringComparer.Ordinal),
            CouponsByOrdinal = couponList,
            Points = points,
            Parties = parties,
            PointsFunding = pointsFunding,
            CouponSearchMaxChoices = rules.CouponSearch?.MaxChoices ?? DefaultMaxChoices,
        };
    }

    /// <summary>
    /// A bundle's scope for the index is the union of its components' scopes (narrowed by its own
    /// scope at pricing); other kinds index their own scope.
    /// </summary>
    private static CompiledScope IndexScope(CompiledPromotion p)
    {
        if (p.Kind != PromotionKind.Bundle || p.Scope.HasIncludes) return p.Scope;
        if (p.Components.Any(c => !c.Scope.HasIncludes)) return CompiledScope.Everything;
        var union = new ScopeDefinition
        {
            Skus = Union(p.Components, s => s.Skus),
            Categories = Union(p.Components, s => s.Categories),
            Brands = Union(p.Components, s => s.Brands),
            Tags = Union(p.Components, s => s.Tags),
        };
        return new CompiledScope(union);
    }

    private static List<string>? Union(BundleComponent[] components, Func<ScopeDefinition, IReadOnlyList<string>?> pick)
    {
        // Components name a few values each: a list and a scan beat a hash set per bundle and kind of key.
        List<string>? values = null;
        foreach (var component in components)
        {
            if (pick(component.Scope.Definition!) is not { } list) continue;
            for (int k = 0; k < list.Count; k++)
                if (!(values ??= []).Contains(list[k])) values.Add(list[k]);
        }
        return values;
    }

    private static CompiledScope SkuScope(CompiledMemberPrice m) => new(new ScopeDefinition { Skus = [m.Sku!] });

    private static CompiledScope Scope(ScopeDefinition? scope) => scope is null ? CompiledScope.Everything : new CompiledScope(scope);

    private static Percentage? Percent(decimal? value) => value is { } v ? Percentage.FromDecimal(v) : null;

    private sealed class Context(int digits, Dictionary<string, int> tierRanks, Func<FundingDefinition?, CompiledFunding> funding)
    {
        public long? Minor(decimal? major) =>
            major is { } m ? (MinorUnits.TryFromMajor(m, digits, out long minor) ? minor : throw new InvalidOperationException("unvalidated money")) : null;

        public Conditions Conditions(WindowDefinition? window, IReadOnlyList<string>? channels, IReadOnlyList<string>? stores, string? minTier) => new()
        {
            FromUtcTicks = window?.From?.UtcTicks ?? long.MinValue,
            ToUtcTicks = window?.To?.UtcTicks ?? long.MaxValue,
            ChannelMask = channels is null ? Compilation.Conditions.OnlineMask | Compilation.Conditions.StoreMask
                : channels.Aggregate(0, (mask, c) => mask | (c == "online" ? Compilation.Conditions.OnlineMask : Compilation.Conditions.StoreMask)),
            Stores = stores is null ? null : new StringSet(stores),
            MinTierRank = minTier is null ? 0 : tierRanks[minTier],
        };

        public CompiledPromotion Promotion(PromotionDefinition p, int rank, Dictionary<string, int> layers)
        {
            bool quantity = p.Basis == ThresholdBasis.Quantity;
            long Basis(decimal value) => quantity ? (long)value : Minor(value)!.Value;
            return new CompiledPromotion
            {
                Id = p.Id!,
                Kind = p.Kind!.Value,
                Rank = rank,
                Scope = Scope(p.Scope),
                Conditions = Conditions(p.Window, p.Channels, p.Stores, p.MinTier),
                Price = Minor(p.Price),
                LimitPerOrder = p.LimitPerOrder ?? long.MaxValue,
                PercentOff = Percent(p.PercentOff),
                AmountOff = Minor(p.AmountOff),
                StacksWithMemberPrice = p.StacksWithMemberPrice ?? false,
                N = p.N ?? 0,
                Buy = p.Buy ?? 0,
                Get = p.Get ?? 0,
                Components = (p.Components ?? []).Select(c => new BundleComponent(
                    c.Scope is null ? new CompiledScope(new ScopeDefinition()) : new CompiledScope(c.Scope), c.Quantity!.Value)).ToArray(),
                LayerIndex = p.Layer is null ? 0 : layers[p.Layer],
                QuantityBasis = quantity,
                Tiers = (p.Tiers ?? []).Select(t => new ThresholdTier(
                    Basis(t.AtLeast!.Value), Minor(t.AmountOff), Percent(t.PercentOff), Minor(t.MaxOff),
                    t.Gift is { } g ? new GiftResult(p.Id!, g.Sku!, g.Quantity ?? 1) : null)).ToArray(),
                Repeat = p.Repeat is { } r ? new RepeatStep(Basis(r.Every!.Value), Minor(r.AmountOff)!.Value, Minor(r.Cap)) : null,
                ExcludePromoted = p.ExcludePromoted ?? false,
                OnItemPrice = p.ThresholdOn == ThresholdOn.ItemPrice && !quantity,
                Funding = funding(p.Funding),
                Name = p.Name,
                Limits = CompiledLimits.Compile(p.Limits, digits),
            };
        }
    }
}
