using PromoEngine.Definitions;

namespace PromoEngine.Compilation;

/// <summary>
/// Who funds a rule's discounts (spec §10), ready for the §2 split: each party's index in the rule
/// set's party table, its weight (its percent scaled to an integer by the funding's one power of ten)
/// and its rank by party id, the split's last tie-break.
/// </summary>
internal sealed class CompiledFunding
{
    private CompiledFunding(int[] parties, long[] weights, int[] ranks)
    {
        Parties = parties;
        Weights = weights;
        Ranks = ranks;
    }

    /// <summary>Indices into <see cref="PartyTable.Names"/>, in the order the rule set lists the shares.</summary>
    public int[] Parties { get; }

    public long[] Weights { get; }

    /// <summary>Each share's rank among this funding's parties by ordinal party id.</summary>
    public int[] Ranks { get; }

    /// <summary>Whether one party funds everything: no split is needed.</summary>
    public bool Single => Parties.Length == 1;

    public static CompiledFunding Compile(FundingDefinition? funding, string defaultFunder, PartyTable parties)
    {
        if (funding?.Shares is not { } shares)
            return new CompiledFunding([parties.IndexOf(funding?.Party ?? defaultFunder)], [1], [0]);
        int scale = 0;
        foreach (var share in shares) scale = Math.Max(scale, share.Percent!.Value.Scale);
        long pow = Money.Currencies.Pow10(scale);
        var indices = new int[shares.Count];
        var weights = new long[shares.Count];
        for (int k = 0; k < shares.Count; k++)
        {
            indices[k] = parties.IndexOf(shares[k].Party!);
            weights[k] = (long)(shares[k].Percent!.Value * pow);
        }
        var ranks = new int[shares.Count];
        var byName = Enumerable.Range(0, shares.Count).OrderBy(k => shares[k].Party, StringComparer.Ordinal).ToArray();
        for (int r = 0; r < byName.Length; r++) ranks[byName[r]] = r;
        return new CompiledFunding(indices, weights, ranks);
    }
}

/// <summary>
/// Every party a rule set names, in ordinal order, so that a party's index orders it too: per-line and
/// order funding come out in ordinal order by walking indices.
/// </summary>
internal sealed class PartyTable
{
    private readonly Dictionary<string, int> _index;

    public PartyTable(IEnumerable<string> parties)
    {
        Names = parties.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        _index = new Dictionary<string, int>(Names.Length, StringComparer.Ordinal);
        for (int i = 0; i < Names.Length; i++) _index[Names[i]] = i;
    }

    public string[] Names { get; }

    public int Count => Names.Length;

    public int IndexOf(string party) => _index[party];

    /// <summary>Every party the rule set names: the default funder and those of every funding.</summary>
    public static PartyTable Of(RuleSetDefinition rules, string defaultFunder)
    {
        var parties = new List<string> { defaultFunder };
        void Add(FundingDefinition? funding)
        {
            if (funding is null) return;
            if (funding.Party is { } party) parties.Add(party);
            foreach (var share in funding.Shares ?? []) parties.Add(share.Party!);
        }
        foreach (var m in rules.MemberPrices ?? []) Add(m.Funding);
        foreach (var p in rules.Promotions ?? []) Add(p.Funding);
        foreach (var c in rules.Coupons ?? []) Add(c.Funding);
        Add(rules.Points?.Funding);
        return new PartyTable(parties);
    }
}
