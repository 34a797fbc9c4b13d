namespace PromoEngine.Pos;

/// <summary>
/// A till clock that always reads the same instant: for tests, replays and the <c>--at</c> option of the
/// sample till. A session reads its clock (any <see cref="TimeProvider"/>) every time it prices the basket;
/// the engine itself never reads a clock.
/// </summary>
public sealed class FixedClock : TimeProvider
{
    private readonly DateTimeOffset _now;
    private readonly TimeZoneInfo _zone;

    /// <summary>A clock stopped at <paramref name="now"/>; local time keeps that instant's offset.</summary>
    public FixedClock(DateTimeOffset now)
    {
        _now = now;
        _zone = now.Offset == TimeSpan.Zero
            ? TimeZoneInfo.Utc
            : TimeZoneInfo.CreateCustomTimeZone($"UTC{(now.Offset < TimeSpan.Zero ? "-" : "+")}{now.Offset:hh\\:mm}", now.Offset, null, null);
    }

    /// <summary>The instant this clock reads.</summary>
    public DateTimeOffset Now => _now;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => _zone;
}
