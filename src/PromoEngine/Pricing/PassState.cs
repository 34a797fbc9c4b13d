using PromoEngine.Compilation;
using PromoEngine.Definitions;

namespace PromoEngine.Pricing;

/// <summary>Everything one pricing pass knows and has decided so far, for one cart.</summary>
internal sealed class PassState
{
    public PassState(CompiledRuleSet rules, PreparedCart cart)
    {
        Rules = rules;
        Cart = cart;
        Lines = cart.Lines;
        int n = Lines.Length;
        IdRanks = new int[n];
        int[] byId = Enumerable.Range(0, n).ToArray();
        Array.Sort(byId, (a, b) => string.CompareOrdinal(Lines[a].Id, Lines[b].Id));
        for (int rank = 0; rank < n; rank++) IdRanks[byId[rank]] = rank;
        Amounts = new long[n];
        ItemAmounts = new long[n];
        Promoted = new bool[n];
        LineAdjustments = new List<Adjustment>[n];
        for (int i = 0; i < n; i++) LineAdjustments[i] = [];
        Promotions = CollectPromotions();
    }

    public CompiledRuleSet Rules { get; }
    public PreparedCart Cart { get; }
    public PreparedLine[] Lines { get; }
    /// <summary>Each line's rank by id (ordinal), for allocation and sorting ties.</summary>
    public int[] IdRanks { get; }
    /// <summary>Current line amounts.</summary>
    public long[] Amounts { get; }
    /// <summary>Line amounts as the multibuy stage left them (the <c>itemPrice</c> basis).</summary>
    public long[] ItemAmounts { get; }
    /// <summary>Whether a line has a promoted unit.</summary>
    public bool[] Promoted { get; }
    public List<Adjustment>[] LineAdjustments { get; }
    public List<AppliedPromotion> Applied { get; } = [];
    public List<GiftResult> Gifts { get; } = [];
    public List<HintResult> Hints { get; } = [];
    /// <summary>Runs of units left by the item stage, for the multibuy stage.</summary>
    public List<UnitRun> Runs { get; } = [];
    /// <summary>Active promotions whose scope touches the cart, in order.</summary>
    public CompiledPromotion[] Promotions { get; }

    public bool InScope(CompiledScope scope, int line)
    {
        var l = Lines[line];
        return scope.Matches(l.Sku, l.Categories, l.Brand, l.Tags);
    }

    public string[] LineIds(IEnumerable<int> lines) => lines.Order().Select(i => Lines[i].Id).ToArray();

    private CompiledPromotion[] CollectPromotions()
    {
        var found = new HashSet<int>(Rules.PromotionIndex.Always);
        foreach (var line in Lines) Rules.PromotionIndex.Collect(line.Sku, line.Categories, line.Brand, line.Tags, found);
        var facts = Cart.Facts;
        return found.Order().Select(rank => Rules.Promotions[rank]).Where(p => p.Conditions.IsActive(facts)).ToArray();
    }
}

/// <summary>Consecutive units of one line that share a price and a fate.</summary>
internal sealed class UnitRun(int line, long start, long count, long price)
{
    public int Line { get; } = line;
    public long Start { get; set; } = start;
    public long Count { get; set; } = count;
    public long Price { get; } = price;
    public bool Taken { get; set; }

    /// <summary>Splits off the first <paramref name="units"/> units as a new run, leaving the rest in this one.</summary>
    public UnitRun TakeFront(long units)
    {
        var front = new UnitRun(Line, Start, units, Price) { Taken = true };
        Start += units;
        Count -= units;
        return front;
    }
}
