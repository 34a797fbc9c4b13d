using PromoEngine.Compilation;

namespace PromoEngine.Pricing;

/// <summary>
/// What the pass has decided for each line so far: its current amount, the amount the multibuy stage
/// left (the item price a <c>thresholdOn: itemPrice</c> threshold is judged on), the member unit price
/// and the entry that named it, and whether a unit of it is promoted (§5, §9).
/// </summary>
internal sealed class LineAmounts
{
    public long[] Amount = [], ItemAmount = [], MemberPrice = [];
    public CompiledMemberPrice?[] MemberWinner = [];
    public bool[] Promoted = [];
    private int _lines;

    /// <summary>Starts every line at its list amount, with no member price and nothing promoted.</summary>
    public void Reset(PassCart cart)
    {
        int n = _lines = cart.Count;
        Grow.To(ref Amount, n);
        Grow.To(ref ItemAmount, n);
        Grow.To(ref MemberPrice, n);
        Grow.To(ref MemberWinner, n);
        Grow.To(ref Promoted, n);
        Array.Copy(cart.ListAmount, Amount, n);
        Array.Clear(MemberWinner, 0, n);
        Array.Clear(Promoted, 0, n);
    }

    /// <summary>Drops the references to the rule set's member prices.</summary>
    public void Release()
    {
        Array.Clear(MemberWinner, 0, _lines);
        _lines = 0;
    }
}
