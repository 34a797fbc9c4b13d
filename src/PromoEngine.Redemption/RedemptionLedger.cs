using PromoEngine.Definitions;
using PromoEngine.Results;

namespace PromoEngine.Redemption;

/// <summary>
/// The redemption ledger (spec §12) over a store: reserve all-or-nothing, commit, release, revoke, TTL
/// expiry, every operation idempotent by order id; reading the usage a cart is priced with; keeping each
/// order's result and returns. Time comes from the injected <see cref="TimeProvider"/> only (TTL), never
/// from the clock directly. Thread-safe; share one per store.
/// </summary>
public sealed class RedemptionLedger : IAsyncDisposable
{
    /// <summary>The longest reservation: a checkout that takes longer should reserve again.</summary>
    public static readonly TimeSpan MaxTtl = TimeSpan.FromDays(1);

    /// <summary>Creates a ledger over a store.</summary>
    /// <param name="store">Where counters and orders are kept.</param>
    /// <param name="time">The time for reservations' expiry; <see cref="TimeProvider.System"/> when null.</param>
    public RedemptionLedger(ILedgerStore store, TimeProvider? time = null)
    {
        Store = store ?? throw new ArgumentNullException(nameof(store));
        Time = time ?? TimeProvider.System;
    }

    /// <summary>The store.</summary>
    public ILedgerStore Store { get; }

    /// <summary>The time reservations expire by.</summary>
    public TimeProvider Time { get; }

    private DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>
    /// Reserves what an order consumes: succeeds only if, for every limited counter its usage touches,
    /// consumed + reserved by other orders + this order ≤ the limit (codes: <c>usesPerCode</c>); otherwise
    /// changes nothing and lists every limit that would be exceeded. Repeating it for the same order answers
    /// the first reservation; the same id with another fingerprint is refused.
    /// </summary>
    /// <exception cref="ArgumentException">An id, the TTL or an amount is not acceptable.</exception>
    /// <exception cref="LedgerUnavailableException">The store cannot be reached.</exception>
    public async Task<ReserveOutcome> ReserveAsync(ReserveRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        LedgerIds.Validate(request.OrderId, "orderId");
        if (request.CustomerId is { Length: 0 }) throw new ArgumentException("customerId must be null or non-empty", nameof(request));
        if (request.Ttl <= TimeSpan.Zero || request.Ttl > MaxTtl)
            throw new ArgumentException($"ttl must be above 0 and at most {MaxTtl}", nameof(request));
        ArgumentNullException.ThrowIfNull(request.Usage);
        ArgumentNullException.ThrowIfNull(request.Limits);

        var plan = ConsumptionPlan.For(request.Usage, request.CustomerId, request.CodeCoupons ?? EmptyCodes, request.Limits);
        var deltas = plan.Deltas;
        string resultJson = request.ResultJson ?? "null";
        string fingerprint = request.Fingerprint ?? Fingerprints.Of(request.CustomerId, CounterDeltaText.Write(deltas), resultJson);

        if (plan.Unverifiable.Count > 0)
        {
            // A per-customer limit without a customer can never be allowed; an existing order still answers first.
            var existing = await Store.GetOrderAsync(request.OrderId, Now, cancellationToken).ConfigureAwait(false);
            return existing is null ? new ReserveOutcome(ReserveStatus.Conflict, false, null, plan.Unverifiable)
                : Repeat(existing, fingerprint);
        }

        // Stores keep times in milliseconds: the first answer and a repeat's must agree to the byte.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(Now.ToUnixTimeMilliseconds());
        var pending = new PendingOrder(request.OrderId, fingerprint, request.CustomerId, deltas, resultJson, now, now + request.Ttl);
        var stored = await Store.ReserveAsync(pending, cancellationToken).ConfigureAwait(false);
        switch (stored.Status)
        {
            case StoreReserveStatus.Reserved:
                return new ReserveOutcome(ReserveStatus.Reserved, false,
                    new LedgerOrder(pending.OrderId, OrderStatus.Reserved, pending.CustomerId, fingerprint, now, pending.ExpiresAt, null,
                        deltas.Select(d => d with { Limit = null }).ToList(), resultJson, []), []);
            case StoreReserveStatus.Exceeded:
                return new ReserveOutcome(ReserveStatus.Conflict, false, null,
                    stored.Exceeded.Select(e => plan.Exceeded(e.Index, e.Consumed, e.Reserved, request.CustomerId)).ToList());
            default:
                if (stored.ExistingFingerprint != fingerprint) return new ReserveOutcome(ReserveStatus.OrderIdReused, false, null, []);
                var order = await Store.GetOrderAsync(request.OrderId, Now, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"the ledger answered that order '{request.OrderId}' exists, then did not find it");
                return Repeat(order, fingerprint);
        }
    }

    /// <summary>
    /// Reserves what a priced order consumes: its <see cref="PricingResult.Usage"/>, its codes' coupon
    /// definitions and its result JSON are taken from <paramref name="result"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An id, the TTL or an amount is not acceptable.</exception>
    /// <exception cref="LedgerUnavailableException">The store cannot be reached.</exception>
    public Task<ReserveOutcome> ReserveAsync(string orderId, string? customerId, PricingResult result, LimitTable limits, TimeSpan ttl,
        string? fingerprint = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var codeCoupons = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var coupon in result.Coupons) codeCoupons.TryAdd(coupon.Code, coupon.CouponId);
        return ReserveAsync(new ReserveRequest(orderId, customerId, result.Usage, limits, ttl)
        {
            CodeCoupons = codeCoupons,
            Fingerprint = fingerprint,
            ResultJson = ResultJson.Write(result),
        }, cancellationToken);
    }

    /// <summary>Turns a live reservation into consumption. Refused for a released or expired one.</summary>
    /// <exception cref="LedgerUnavailableException">The store cannot be reached.</exception>
    public Task<TransitionOutcome> CommitAsync(string orderId, CancellationToken cancellationToken = default) =>
        TransitionAsync(orderId, LedgerTransition.Commit, cancellationToken);

    /// <summary>Drops a live reservation (an expired one is already gone). Refused for a committed order.</summary>
    /// <exception cref="LedgerUnavailableException">The store cannot be reached.</exception>
    public Task<TransitionOutcome> ReleaseAsync(string orderId, CancellationToken cancellationToken = default) =>
        TransitionAsync(orderId, LedgerTransition.Release, cancellationToken);

    /// <summary>Gives back what a committed order consumed (a cancelled order). Refused for one not committed.</summary>
    /// <exception cref="LedgerUnavailableException">The store cannot be reached.</exception>
    public Task<TransitionOutcome> RevokeAsync(string orderId, CancellationToken cancellationToken = default) =>
        TransitionAsync(orderId, LedgerTransition.Revoke, cancellationToken);

    /// <summary>An order with its status now, its result and its returns; null when unknown.</summary>
    /// <exception cref="LedgerUnavailableException">The store cannot be reached.</exception>
    public Task<LedgerOrder?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default)
    {
        LedgerIds.Validate(orderId, "orderId");
        return Store.GetOrderAsync(orderId, Now, cancellationToken);
    }

    /// <summary>
    /// What pricing takes as used (spec §11 cart <c>usage</c>): for every limited promotion and coupon
    /// definition, consumed + reserved by live reservations, in all and (with a customer, for rules with a
    /// per-customer limit) for the customer; for every code given, the orders holding or having used it.
    /// Reading the reservations too is the safe reading: a slot held by an order in checkout is not offered
    /// to another, so a reserve after pricing fails only when something changed in between.
    /// </summary>
    /// <exception cref="LedgerUnavailableException">The store cannot be reached.</exception>
    public async Task<UsageDefinition> ReadUsageAsync(string? customerId, LimitTable limits, IEnumerable<string> codes,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(codes);
        if (customerId is { Length: 0 }) customerId = null;
        var codeList = codes.Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.Ordinal).ToList();
        var keys = new List<string>();
        foreach (var (id, rule) in limits.Promotions) AddKeys(keys, RuleKind.Promotion, id, rule, customerId);
        foreach (var (id, rule) in limits.Coupons) AddKeys(keys, RuleKind.Coupon, id, rule, customerId);
        foreach (var code in codeList) keys.Add(CounterKeys.Code(code));
        if (keys.Count == 0) return new UsageDefinition();

        var readings = await Store.ReadCountersAsync(keys, Now, cancellationToken).ConfigureAwait(false);
        var used = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var reading in readings) used[reading.Key] = reading.Used;
        long Used(string key) => used.GetValueOrDefault(key);

        UsageCountsDefinition Counts(RuleKind kind, string id, RuleLimits rule) => new()
        {
            Uses = Used(CounterKeys.Uses(kind, id)),
            Units = Used(CounterKeys.Units(kind, id)),
            Spent = limits.ToMajor(Used(CounterKeys.Spent(kind, id))),
            CustomerUses = customerId is not null && rule.PerCustomer ? Used(CounterKeys.CustomerUses(kind, id, customerId)) : 0,
            CustomerUnits = customerId is not null && rule.PerCustomer ? Used(CounterKeys.CustomerUnits(kind, id, customerId)) : 0,
        };
        return new UsageDefinition
        {
            Promotions = limits.Promotions.ToDictionary(p => p.Key, p => (UsageCountsDefinition?)Counts(RuleKind.Promotion, p.Key, p.Value), StringComparer.Ordinal),
            Coupons = limits.Coupons.ToDictionary(c => c.Key, c => (UsageCountsDefinition?)Counts(RuleKind.Coupon, c.Key, c.Value), StringComparer.Ordinal),
            Codes = codeList.ToDictionary(c => c, c => (long?)Used(CounterKeys.Code(c)), StringComparer.Ordinal),
        };
    }

    /// <summary>The cart with the usage read for its customer and its codes (<see cref="ReadUsageAsync"/>).</summary>
    /// <exception cref="LedgerUnavailableException">The store cannot be reached.</exception>
    public async Task<CartDefinition> WithUsageAsync(CartDefinition cart, LimitTable limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cart);
        var codes = (cart.Coupons ?? []).Select(c => c.Code!).Where(c => c is not null);
        var usage = await ReadUsageAsync(cart.Customer?.Id, limits, codes, cancellationToken).ConfigureAwait(false);
        return cart with { Usage = usage };
    }

    /// <summary>
    /// Records a return of a committed order, idempotent by return id: the same id and fingerprint answers
    /// the recorded return; another fingerprint is refused. <paramref name="expectedCount"/> is the number of
    /// returns the caller priced this one after (<see cref="LedgerOrder.Returns"/>): when another return was
    /// recorded since, the answer is <see cref="ReturnStatus.Stale"/> and the caller prices it again. A full
    /// return revokes the order's usage in the same step.
    /// </summary>
    /// <exception cref="ArgumentException">An id is not acceptable or no line is returned.</exception>
    /// <exception cref="LedgerUnavailableException">The store cannot be reached.</exception>
    public Task<ReturnOutcome> RecordReturnAsync(string orderId, string returnId, string fingerprint, IReadOnlyList<ReturnedLine> lines,
        string resultJson, bool fullReturn, int expectedCount, CancellationToken cancellationToken = default)
    {
        LedgerIds.Validate(orderId, "orderId");
        LedgerIds.Validate(returnId, "returnId");
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
        ArgumentNullException.ThrowIfNull(resultJson);
        if (lines is null || lines.Count == 0) throw new ArgumentException("a return returns at least one line", nameof(lines));
        ArgumentOutOfRangeException.ThrowIfNegative(expectedCount);
        var entry = new LedgerReturn(returnId, fingerprint, lines, resultJson, fullReturn, Now);
        return Store.AppendReturnAsync(orderId, entry, expectedCount, cancellationToken);
    }

    /// <summary>
    /// Releases every reservation past its expiry now. Operations already treat such reservations as
    /// released; sweeping just moves them to <see cref="OrderStatus.Expired"/> and frees their rows.
    /// </summary>
    /// <exception cref="LedgerUnavailableException">The store cannot be reached.</exception>
    public Task<int> SweepAsync(CancellationToken cancellationToken = default) => Store.SweepAsync(Now, cancellationToken);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Store.DisposeAsync();

    private Task<TransitionOutcome> TransitionAsync(string orderId, LedgerTransition transition, CancellationToken cancellationToken)
    {
        LedgerIds.Validate(orderId, "orderId");
        return Store.TransitionAsync(orderId, transition, Now, cancellationToken);
    }

    private static ReserveOutcome Repeat(LedgerOrder order, string fingerprint) =>
        order.Fingerprint == fingerprint
            ? new ReserveOutcome(ReserveStatus.Reserved, true, order, [])
            : new ReserveOutcome(ReserveStatus.OrderIdReused, false, null, []);

    private static void AddKeys(List<string> keys, RuleKind kind, string id, RuleLimits rule, string? customerId)
    {
        keys.Add(CounterKeys.Uses(kind, id));
        keys.Add(CounterKeys.Units(kind, id));
        keys.Add(CounterKeys.Spent(kind, id));
        if (customerId is null || !rule.PerCustomer) return;
        keys.Add(CounterKeys.CustomerUses(kind, id, customerId));
        keys.Add(CounterKeys.CustomerUnits(kind, id, customerId));
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyCodes = new Dictionary<string, string>();
}
