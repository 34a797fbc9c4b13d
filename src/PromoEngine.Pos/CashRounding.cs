using PromoEngine.Money;

namespace PromoEngine.Pos;

/// <summary>How the till rounds the cash due (抹零).</summary>
public enum CashRoundingMode
{
    /// <summary>Down to a multiple of the increment (抹零: the customer never pays more than the price).</summary>
    Down,
    /// <summary>To the nearest multiple of the increment; a half increment rounds up.</summary>
    Nearest,
}

/// <summary>
/// A till's cash-rounding option: round the cash due <see cref="Mode"/> to a multiple of
/// <see cref="Increment"/> minor units (10 fen = 0.10 in CNY, 5 cents = 0.05). It is a till concern
/// layered on top of the engine's result, which it never changes.
/// </summary>
public sealed record CashRounding
{
    /// <summary>A rounding rule.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="increment"/> is not positive or the mode is unknown.</exception>
    public CashRounding(CashRoundingMode mode, long increment)
    {
        if (!Enum.IsDefined(mode)) throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown rounding mode");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(increment);
        Mode = mode;
        Increment = increment;
    }

    /// <summary>Down or nearest.</summary>
    public CashRoundingMode Mode { get; }

    /// <summary>The increment in minor units (&gt; 0).</summary>
    public long Increment { get; }

    /// <summary>Round down to <paramref name="increment"/> minor units.</summary>
    public static CashRounding Down(long increment) => new(CashRoundingMode.Down, increment);

    /// <summary>Round to the nearest <paramref name="increment"/> minor units.</summary>
    public static CashRounding Nearest(long increment) => new(CashRoundingMode.Nearest, increment);

    /// <summary>The cash due for <paramref name="payable"/> (≥ 0) minor units.</summary>
    public long Round(long payable)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payable);
        long remainder = payable % Increment;
        if (remainder == 0) return payable;
        long down = payable - remainder;
        if (Mode == CashRoundingMode.Down || remainder < Increment - remainder) return down;
        return checked(down + Increment);
    }

    /// <summary>
    /// Rounds a priced basket's cash due and allocates the difference over its lines with the spec §2
    /// routine (<see cref="Allocation.Split"/>), weighted by line payables, so that the lines' cash
    /// still sums to the cash due. Lines with nothing payable get nothing.
    /// </summary>
    public CashRoundingResult Apply(PricingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        long payable = result.Payable;
        long cash = Round(payable);
        long difference = Math.Abs(cash - payable);
        int n = result.Lines.Count;
        var weights = new long[n];
        var ranks = new int[n];
        var shares = new long[n];
        for (int i = 0; i < n; i++) weights[i] = result.Lines[i].Payable;
        var order = Enumerable.Range(0, n).OrderBy(i => result.Lines[i].Id, StringComparer.Ordinal).ToArray();
        for (int r = 0; r < n; r++) ranks[order[r]] = r;
        Allocation.Split(difference, weights, ranks, shares);
        long sign = cash < payable ? -1 : 1;
        var lines = new LineRounding[n];
        for (int i = 0; i < n; i++)
        {
            var line = result.Lines[i];
            lines[i] = new LineRounding(line.Id, line.Payable, sign * shares[i], line.Payable + sign * shares[i]);
        }
        return new CashRoundingResult(this, payable, cash - payable, cash, lines);
    }

    /// <summary>"down to 0.10" or "to nearest 0.05" at <paramref name="minorDigits"/> digits.</summary>
    public string Describe(int minorDigits) =>
        (Mode == CashRoundingMode.Down ? "down to " : "to nearest ") + MinorUnits.Format(Increment, minorDigits);
}

/// <summary>The cash rounding of one priced basket.</summary>
/// <param name="Rule">The rounding applied.</param>
/// <param name="Payable">The engine's cash due (<see cref="PricingResult.Payable"/>).</param>
/// <param name="Adjustment">Cash due − payable: negative when rounded down, positive when rounded up.</param>
/// <param name="CashDue">What the customer pays in cash.</param>
/// <param name="Lines">Per line, in cart order; their <see cref="LineRounding.CashDue"/> sum to <see cref="CashDue"/>.</param>
public sealed record CashRoundingResult(CashRounding Rule, long Payable, long Adjustment, long CashDue, IReadOnlyList<LineRounding> Lines);

/// <summary>One line's part of the cash rounding.</summary>
/// <param name="LineId">Line id.</param>
/// <param name="Payable">The engine's line payable.</param>
/// <param name="Adjustment">The line's share of the rounding (same sign as the total adjustment).</param>
/// <param name="CashDue">Payable + adjustment: what the line is paid after rounding.</param>
public sealed record LineRounding(string LineId, long Payable, long Adjustment, long CashDue);
