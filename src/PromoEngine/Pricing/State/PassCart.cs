using PromoEngine.Compilation;
using PromoEngine.Definitions;

namespace PromoEngine.Pricing;

/// <summary>
/// The cart being priced, as the pass reads it: its lines with unit prices, quantities and list
/// amounts in minor units, each line's rank by ordinal id (the tie-break of every split and unit
/// order), and the facts rules depend on. Filled by <see cref="Validation.CartValidator"/>; the arrays
/// only grow, so a warm context reads carts without allocating.
/// </summary>
internal sealed class PassCart
{
    public CartDefinition Definition { get; set; } = null!;
    public CartFacts Facts { get; set; }
    public bool HasCustomer { get; set; }
    /// <summary>Points the cart asks to use, <c>"max"</c> already resolved to the balance.</summary>
    public long RequestedPoints { get; set; }

    /// <summary>Number of lines.</summary>
    public int Count { get; private set; }
    public CartLineDefinition[] Lines = [];
    public long[] UnitPrice = [], Quantity = [], ListAmount = [];
    /// <summary>Each line's rank by ordinal id.</summary>
    public int[] IdRank = [];

    public void Reset(int lines)
    {
        Count = lines;
        Grow.To(ref Lines, lines);
        Grow.To(ref UnitPrice, lines);
        Grow.To(ref Quantity, lines);
        Grow.To(ref ListAmount, lines);
        Grow.To(ref IdRank, lines);
    }

    public string Id(int line) => Lines[line].Id!;

    public bool InScope(CompiledScope scope, int line)
    {
        var l = Lines[line];
        return scope.Matches(l.Sku!, l.Categories ?? [], l.Brand, l.Tags ?? []);
    }

    private int[] _byId = [];

    /// <summary>Ranks the lines by ordinal id.</summary>
    public void RankIds()
    {
        Grow.To(ref _byId, Count);
        var order = _byId.AsSpan(0, Count);
        for (int i = 0; i < order.Length; i++) order[i] = i;
        SpanSort.Sort(order, new ByLineId(Lines));
        for (int rank = 0; rank < order.Length; rank++) IdRank[order[rank]] = rank;
    }

    /// <summary>Drops the references to the caller's cart, so that a pooled context keeps nothing alive.</summary>
    public void Release()
    {
        Array.Clear(Lines, 0, Count);
        Definition = null!;
    }

    /// <summary>The capacity the arrays have grown to: a context grown by a huge cart is not pooled.</summary>
    public int Capacity => Lines.Length;

    private readonly struct ByLineId(CartLineDefinition[] lines) : IComparer<int>
    {
        public int Compare(int a, int b) => string.CompareOrdinal(lines[a].Id, lines[b].Id);
    }
}
