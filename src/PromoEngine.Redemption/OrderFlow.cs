using System.Runtime.CompilerServices;
using PromoEngine.Definitions;
using PromoEngine.Results;

namespace PromoEngine.Redemption;

/// <summary>
/// Placing an order on the ledger, the same way in every channel: price the cart with fresh usage from the
/// ledger → reserve what the result consumes → on a conflict price again with fresh usage and report the
/// exceeded limits with that fresh result (nothing is reserved; the shopper sees the new price and decides).
/// A cart never brings its own <c>usage</c>: only the ledger fills it.
/// </summary>
public sealed class OrderFlow
{
    private readonly ConditionalWeakTable<PricingEngine, LimitTable> _limits = new();

    /// <summary>Creates the flow.</summary>
    /// <param name="ledger">The ledger.</param>
    /// <param name="reservationTtl">How long a reservation lives unless committed (a checkout's payment window).</param>
    public OrderFlow(RedemptionLedger ledger, TimeSpan reservationTtl)
    {
        Ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
        if (reservationTtl <= TimeSpan.Zero || reservationTtl > RedemptionLedger.MaxTtl)
            throw new ArgumentOutOfRangeException(nameof(reservationTtl), $"must be above 0 and at most {RedemptionLedger.MaxTtl}");
        ReservationTtl = reservationTtl;
    }

    /// <summary>The ledger.</summary>
    public RedemptionLedger Ledger { get; }

    /// <summary>How long a reservation lives unless committed.</summary>
    public TimeSpan ReservationTtl { get; }

    /// <summary>The limit table of an engine's rule set (derived once per engine).</summary>
    public LimitTable LimitsOf(PricingEngine engine) => _limits.GetValue(engine, LimitTable.From);

    /// <summary>Prices a cart with the usage the ledger reads for its customer and codes (a quote: nothing is reserved).</summary>
    /// <exception cref="PromoValidationException">The cart is invalid, or carries its own <c>usage</c>.</exception>
    /// <exception cref="LedgerUnavailableException">The ledger cannot be reached (no price that ignores limits is given).</exception>
    public async Task<PricingResult> QuoteAsync(PricingEngine engine, CartDefinition cart, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        RefuseOwnUsage(cart);
        var priced = await Ledger.WithUsageAsync(cart, LimitsOf(engine), cancellationToken).ConfigureAwait(false);
        return engine.Price(priced, cancellationToken);
    }

    /// <summary>
    /// Places an order: price with fresh usage; when <see cref="OrderRequest.ExpectedPayable"/> is given and
    /// differs, a conflict with the fresh result; else reserve; on a limit conflict, price again and answer the
    /// exceeded limits with the fresh result. An order id already reserved with the same fingerprint answers
    /// the first reservation (its stored result) without pricing; with another fingerprint it is refused.
    /// </summary>
    /// <exception cref="ArgumentException">The order id is not acceptable.</exception>
    /// <exception cref="PromoValidationException">The cart is invalid, or carries its own <c>usage</c>.</exception>
    /// <exception cref="LedgerUnavailableException">The ledger cannot be reached.</exception>
    public async Task<OrderPlacement> PlaceAsync(PricingEngine engine, OrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(request);
        LedgerIds.Validate(request.OrderId, "orderId");
        ArgumentException.ThrowIfNullOrEmpty(request.Fingerprint);
        RefuseOwnUsage(request.Cart);

        // A retry of a reserved order answers what the first call did; pricing it again could give another price.
        var existing = await Ledger.GetOrderAsync(request.OrderId, cancellationToken).ConfigureAwait(false);
        if (existing is not null) return Existing(existing, request.Fingerprint);

        var limits = LimitsOf(engine);
        var result = engine.Price(await Ledger.WithUsageAsync(request.Cart, limits, cancellationToken).ConfigureAwait(false), cancellationToken);
        if (request.ExpectedPayable is { } expected && expected != result.Payable)
            return Conflict(request.OrderId, result, [], payableChanged: true);

        var outcome = await Ledger.ReserveAsync(request.OrderId, request.Cart.Customer?.Id, result, limits, ReservationTtl,
            request.Fingerprint, cancellationToken).ConfigureAwait(false);
        switch (outcome.Status)
        {
            case ReserveStatus.Reserved when outcome.Repeated:
                return Existing(outcome.Order!, request.Fingerprint);
            case ReserveStatus.Reserved:
                return new OrderPlacement(PlacementStatus.Reserved, request.OrderId, false, outcome.Order!.ExpiresAt,
                    outcome.Order.ResultJson, result, [], false);
            case ReserveStatus.OrderIdReused:
                return Reused(request.OrderId);
            default:
                // Someone took what this order was priced with: the shopper gets the price as it is now.
                var fresh = engine.Price(await Ledger.WithUsageAsync(request.Cart, limits, cancellationToken).ConfigureAwait(false), cancellationToken);
                return Conflict(request.OrderId, fresh, outcome.Exceeded,
                    payableChanged: request.ExpectedPayable is { } e && e != fresh.Payable);
        }
    }

    /// <summary>Refuses a cart that carries its own <c>usage</c> (a shopper must not claim a used code is fresh).</summary>
    /// <exception cref="PromoValidationException">It does.</exception>
    public static void RefuseOwnUsage(CartDefinition cart)
    {
        ArgumentNullException.ThrowIfNull(cart);
        if (cart.Usage is not null)
            throw new PromoValidationException([new ValidationError(ValidationError.Cart, "$.usage",
                "usage is read from the redemption ledger; a cart sent for pricing must not carry its own", ErrorCodes.NotAllowed)]);
    }

    private static OrderPlacement Existing(LedgerOrder order, string fingerprint) =>
        order.Fingerprint == fingerprint
            ? new OrderPlacement(PlacementStatus.Reserved, order.OrderId, true, order.ExpiresAt, order.ResultJson, null, [], false)
            : Reused(order.OrderId);

    private static OrderPlacement Reused(string orderId) =>
        new(PlacementStatus.OrderIdReused, orderId, false, null, "null", null, [], false);

    private static OrderPlacement Conflict(string orderId, PricingResult fresh, IReadOnlyList<ExceededLimit> limits, bool payableChanged) =>
        new(PlacementStatus.Conflict, orderId, false, null, ResultJson.Write(fresh), fresh, limits, payableChanged);
}

/// <summary>An order to place.</summary>
/// <param name="OrderId">The order id (<see cref="LedgerIds"/>), chosen by the client so that retries are safe.</param>
/// <param name="Cart">The cart, without <c>usage</c>.</param>
/// <param name="ExpectedPayable">The payable (minor units) the shopper agreed to, or null.</param>
/// <param name="Fingerprint">What identifies the request (<see cref="Fingerprints.OfJson"/> of its body): a retry has the same.</param>
public sealed record OrderRequest(string OrderId, CartDefinition Cart, long? ExpectedPayable, string Fingerprint);

/// <summary>How placing an order went.</summary>
public enum PlacementStatus
{
    /// <summary>Its usage is reserved (now or by an earlier call with the same request).</summary>
    Reserved,
    /// <summary>Nothing reserved: a limit would be exceeded, or the payable is not the expected one.</summary>
    Conflict,
    /// <summary>The order id belongs to another request.</summary>
    OrderIdReused,
}

/// <summary>The answer to placing an order.</summary>
/// <param name="Status">How it went.</param>
/// <param name="OrderId">The order id.</param>
/// <param name="Repeated">Whether an earlier call placed it (the result is the stored one).</param>
/// <param name="ExpiresAt">When the reservation ends unless committed (reserved only).</param>
/// <param name="ResultJson">The result: the reserved one, or the fresh quote of a conflict; JSON <c>null</c> for a reused id.</param>
/// <param name="Result">The same result as a record when priced by this call; null for a repeat or a reused id.</param>
/// <param name="Limits">For a conflict: the limits that would be exceeded (empty when only the payable changed).</param>
/// <param name="PayableChanged">For a conflict: whether the fresh payable differs from the expected one.</param>
public sealed record OrderPlacement(PlacementStatus Status, string OrderId, bool Repeated, DateTimeOffset? ExpiresAt, string ResultJson,
    PricingResult? Result, IReadOnlyList<ExceededLimit> Limits, bool PayableChanged);
