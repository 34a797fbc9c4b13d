namespace PromoEngine.Returns;

/// <summary>
/// What a return gives back (spec §13). Money is in integer minor units of <see cref="Currency"/>
/// (<see cref="MinorDigits"/> digits); <see cref="ReturnJson"/> writes it as major units.
/// </summary>
public sealed record ReturnResult
{
    /// <summary>The rule set that priced the original order.</summary>
    public required RuleSetRef RuleSet { get; init; }
    /// <summary>Currency code of the original order.</summary>
    public required string Currency { get; init; }
    /// <summary>Minor-unit digits of the currency.</summary>
    public required int MinorDigits { get; init; }
    /// <summary>Cash refunded now: Σ line refunds.</summary>
    public required long Refund { get; init; }
    /// <summary>Points given back to the customer now: Σ line points restored.</summary>
    public required long PointsRestored { get; init; }
    /// <summary>The value of those points: Σ line points values.</summary>
    public required long PointsValue { get; init; }
    /// <summary>Earned points taken back: kept points earned before this return minus after it.</summary>
    public required long PointsClawedBack { get; init; }
    /// <summary>Every line returned now, in the original result's line order.</summary>
    public required IReadOnlyList<ReturnLineResult> Lines { get; init; }
    /// <summary>Each party's funding reversed by this return, in ordinal order of party; zeros left out.</summary>
    public required IReadOnlyList<FundingAmount> Funding { get; init; }
    /// <summary>What the order keeps after this return.</summary>
    public required KeptAmounts Kept { get; init; }
    /// <summary>Whether no unit of any line is kept after this return.</summary>
    public required bool FullReturn { get; init; }
    /// <summary>On a full return, the applied coupon codes, in the result's coupon order; otherwise empty.</summary>
    public required IReadOnlyList<string> CouponsRestored { get; init; }
    /// <summary>On a full return, the result's gifts, to come back; otherwise empty.</summary>
    public required IReadOnlyList<GiftResult> GiftsReturned { get; init; }
    /// <summary>On a full return, the result's usage, for the ledger to revoke; otherwise <see langword="null"/>.</summary>
    public required UsageResult? UsageReleased { get; init; }
}

/// <summary>One line's part of a return.</summary>
/// <param name="Id">The line's id.</param>
/// <param name="Returned">Units returned now.</param>
/// <param name="Refund">Cash refunded for them.</param>
/// <param name="PointsRestored">Points given back for them.</param>
/// <param name="PointsValue">The value of those points.</param>
public sealed record ReturnLineResult(string Id, long Returned, long Refund, long PointsRestored, long PointsValue);

/// <summary>What an order keeps after a return.</summary>
/// <param name="Payable">Σ lines' kept cash.</param>
/// <param name="PointsUsed">Σ lines' kept points used.</param>
/// <param name="PointsEarned">Kept points earned: floor(earned × kept payable / payable), 0 when payable is 0.</param>
public sealed record KeptAmounts(long Payable, long PointsUsed, long PointsEarned);
