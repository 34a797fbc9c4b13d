using System.Globalization;
using System.Text;

namespace PromoEngine.Redemption;

/// <summary>
/// What one order adds to one ledger counter, and the limit that counter may not pass (null: counted,
/// not limited).
/// </summary>
public sealed record CounterDelta(string Key, long Amount, long? Limit);

/// <summary>
/// The text form of an order's deltas that stores keep with the order: one <c>KEY\tAMOUNT\n</c> per counter.
/// Counter names never hold a tab or a line break (<see cref="CounterKeys"/>), so the form is unambiguous,
/// and a Redis script reads it with one pattern.
/// </summary>
public static class CounterDeltaText
{
    /// <summary>Writes deltas (their limits are not kept: a revoke gives back amounts, it checks nothing).</summary>
    public static string Write(IEnumerable<CounterDelta> deltas)
    {
        var text = new StringBuilder();
        foreach (var delta in deltas)
            text.Append(delta.Key).Append('\t').Append(delta.Amount.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return text.ToString();
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    /// <exception cref="FormatException">The text is not of that form.</exception>
    public static IReadOnlyList<CounterDelta> Read(string text)
    {
        var deltas = new List<CounterDelta>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int tab = line.IndexOf('\t');
            if (tab <= 0) throw new FormatException($"a counter delta without a tab: '{line}'");
            deltas.Add(new CounterDelta(line[..tab], long.Parse(line.AsSpan(tab + 1), NumberStyles.None, CultureInfo.InvariantCulture), null));
        }
        return deltas;
    }
}
