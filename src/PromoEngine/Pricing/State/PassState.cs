using PromoEngine.Compilation;

namespace PromoEngine.Pricing;

/// <summary>
/// The state every stage of one pass reads and writes, each part owned by its own small type: the cart
/// in minor units, the lines' amounts, the adjustment chains, the unit runs, the lines of the split at
/// hand, the limits left, and the caller's result buffer. A stage's private working memory lives in
/// the stage itself.
/// </summary>
internal sealed class PassState(CompiledRuleSet rules)
{
    public CompiledRuleSet Rules { get; } = rules;
    public PassCart Cart { get; } = new();
    public LineAmounts Amounts { get; } = new();
    public AdjustmentChain Adjustments { get; } = new();
    public UnitRuns Runs { get; } = new();
    public EligibleLines Eligible { get; } = new();
    public RuleLimits Limits { get; } = new(rules);
    public PricingResultBuffer Output { get; set; } = null!;

    /// <summary>Sizes everything per line for the cart just read (its lines are in <see cref="Cart"/>).</summary>
    public void Reset()
    {
        int n = Cart.Count;
        Amounts.Reset(Cart);
        Adjustments.Reset(n);
        Runs.Reset(n);
        Eligible.Reset(n);
    }

    /// <summary>Drops every reference to the caller's cart and buffer, so that a pooled context keeps nothing alive.</summary>
    public void Release()
    {
        Amounts.Release();
        Adjustments.Release();
        Cart.Release();
        Output = null!;
    }

    /// <summary>Whether a cart grew the arrays past what is worth keeping in a pool.</summary>
    public bool Oversized(int lines, int entries) =>
        Cart.Capacity > lines || Adjustments.Capacity > entries || Runs.Capacity > entries;
}
