using PromoEngine.Definitions;
using PromoEngine.Money;

namespace PromoEngine.Compilation;

/// <summary>
/// A rule's usage limits (spec §11), money in minor units. What a cart may still consume follows from
/// them and the cart's <c>usage</c>: see <see cref="Evaluate"/>.
/// </summary>
internal sealed class CompiledLimits
{
    /// <summary>No limit: what an absent member leaves.</summary>
    public const long None = long.MaxValue;

    public required long Uses { get; init; }
    public required long UsesPerCustomer { get; init; }
    public required long Units { get; init; }
    public required long UnitsPerCustomer { get; init; }
    public required long Budget { get; init; }

    /// <summary>Whether a limit is kept per customer, so that a guest never gets the rule (§14).</summary>
    public bool PerCustomer => UsesPerCustomer != None || UnitsPerCustomer != None;

    public static CompiledLimits? Compile(LimitsDefinition? limits, int digits)
    {
        if (limits is null) return null;
        return new CompiledLimits
        {
            Uses = limits.Uses ?? None,
            UsesPerCustomer = limits.UsesPerCustomer ?? None,
            Units = limits.Units ?? None,
            UnitsPerCustomer = limits.UnitsPerCustomer ?? None,
            Budget = limits.Budget is { } budget && MinorUnits.TryFromMajor(budget, digits, out long minor) ? minor : None,
        };
    }

    /// <summary>What is left of the limits after <paramref name="counts"/> (a validated usage entry, or none).</summary>
    public LimitState Evaluate(UsageCountsDefinition? counts, bool hasCustomer, int digits)
    {
        long uses = counts?.Uses ?? 0, customerUses = counts?.CustomerUses ?? 0;
        long units = counts?.Units ?? 0, customerUnits = counts?.CustomerUnits ?? 0;
        long spent = counts?.Spent is { } s && MinorUnits.TryFromMajor(s, digits, out long minor) ? minor : 0;
        long usesLeft = Math.Min(Left(Uses, uses), Left(UsesPerCustomer, customerUses));
        long unitsLeft = Math.Min(Left(Units, units), Left(UnitsPerCustomer, customerUnits));
        long budgetLeft = Left(Budget, spent);
        bool exhausted = usesLeft <= 0 || (PerCustomer && !hasCustomer) || unitsLeft <= 0 || budgetLeft <= 0;
        return new LimitState(exhausted, usesLeft, unitsLeft, budgetLeft);
    }

    private static long Left(long limit, long used) => limit == None ? None : limit - used;
}

/// <summary>What a cart may still consume of a limited rule; <see cref="CompiledLimits.None"/> where no limit applies.</summary>
/// <param name="Exhausted">Whether the rule is treated as not active (spec §11).</param>
/// <param name="UsesLeft">Uses left in all and for the customer (coupons: instances).</param>
/// <param name="UnitsLeft">Units (or groups) left: <c>R</c> of §11.</param>
/// <param name="BudgetLeft">Discount left: <c>B</c> of §11.</param>
internal readonly record struct LimitState(bool Exhausted, long UsesLeft, long UnitsLeft, long BudgetLeft)
{
    public static readonly LimitState Unlimited = new(false, CompiledLimits.None, CompiledLimits.None, CompiledLimits.None);
}
