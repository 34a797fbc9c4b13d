namespace PromoEngine.Returns;

/// <summary>
/// A return against one priced order (spec §13): the units of each line returned before (summed over
/// all earlier returns) and the units returned now.
/// </summary>
/// <param name="Previous">Units returned by earlier returns; empty when this is the first return.</param>
/// <param name="Now">Units returned now; at least one entry.</param>
public sealed record ReturnRequest(IReadOnlyList<ReturnLine> Previous, IReadOnlyList<ReturnLine> Now)
{
    /// <summary>A first return: nothing went back before.</summary>
    public ReturnRequest(IReadOnlyList<ReturnLine> now) : this([], now)
    {
    }
}

/// <summary>Units of one line of the original result.</summary>
/// <param name="Line">The line's id in the original result.</param>
/// <param name="Quantity">Units (at least 1).</param>
public sealed record ReturnLine(string Line, long Quantity);
