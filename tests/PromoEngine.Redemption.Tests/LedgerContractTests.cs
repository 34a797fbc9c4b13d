using PromoEngine.Definitions;
using PromoEngine.Redemption.Tests.Support;
using static PromoEngine.Redemption.Tests.Support.LedgerTestData;

namespace PromoEngine.Redemption.Tests;

/// <summary>
/// The ledger contract (spec §12), run against every store: each store's test class derives from this one
/// and says how to open a store; every test here runs against each of them.
/// </summary>
public abstract class LedgerContractTests : IAsyncLifetime
{
    private readonly List<ILedgerStore> _stores = [];

    protected ManualTimeProvider Time { get; } = new(Start);

    protected RedemptionLedger Ledger { get; private set; } = null!;

    /// <summary>Opens a store over this test's ledger (each call: another node or process over the same data).</summary>
    protected abstract Task<ILedgerStore> OpenStoreAsync();

    public async Task InitializeAsync() => Ledger = await OpenLedgerAsync();

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
    }

    protected async Task<RedemptionLedger> OpenLedgerAsync()
    {
        var store = await OpenStoreAsync();
        _stores.Add(store);
        return new RedemptionLedger(store, Time);
    }

    private async Task<long> UsedAsync(string key) =>
        (await Ledger.Store.ReadCountersAsync([key], Time.GetUtcNow(), default)).Single().Used;

    private async Task<CounterReading> ReadAsync(string key) =>
        (await Ledger.Store.ReadCountersAsync([key], Time.GetUtcNow(), default)).Single();

    private static string PromotionUses(string id) => CounterKeys.Uses(RuleKind.Promotion, id);

    // ---- reserve, commit ----

    [LedgerFact]
    public async Task A_reservation_holds_its_usage_and_a_commit_makes_it_consumed()
    {
        var limits = Table([Promotion("flash", new() { Units = 10 })]);
        var reserved = await Ledger.ReserveAsync(Request("o-1", PromotionUse("flash", units: 3, spent: 8000), limits, result: """{"payable":1}""" ));

        Assert.Equal(ReserveStatus.Reserved, reserved.Status);
        Assert.False(reserved.Repeated);
        Assert.Equal(Start + Ttl, reserved.Order!.ExpiresAt);
        Assert.Equal(new CounterReading(CounterKeys.Units(RuleKind.Promotion, "flash"), 0, 3), await ReadAsync(CounterKeys.Units(RuleKind.Promotion, "flash")));

        var committed = await Ledger.CommitAsync("o-1");

        Assert.Equal(new TransitionOutcome(TransitionStatus.Done, OrderStatus.Committed), committed);
        Assert.Equal(new CounterReading(CounterKeys.Units(RuleKind.Promotion, "flash"), 3, 0), await ReadAsync(CounterKeys.Units(RuleKind.Promotion, "flash")));
        Assert.Equal(8000, await UsedAsync(CounterKeys.Spent(RuleKind.Promotion, "flash")));
        var order = await Ledger.GetOrderAsync("o-1");
        Assert.Equal(OrderStatus.Committed, order!.Status);
        Assert.Equal(Start, order.CommittedAt);
        Assert.Equal("""{"payable":1}""", order.ResultJson);
    }

    [LedgerFact]
    public async Task A_reserve_is_all_or_nothing_and_lists_every_limit_it_would_exceed()
    {
        var limits = Table([Promotion("flash", new() { Units = 5 }), Promotion("full", new() { Budget = 100.00m }), Promotion("free", null)]);
        Assert.Equal(ReserveStatus.Reserved, (await Ledger.ReserveAsync(Request("o-1", PromotionUse("flash", units: 4), limits))).Status);

        var usage = Usage([new("free", 1, null, 100), new("flash", 1, 2, 500), new("full", 1, null, 10001)]);
        var refused = await Ledger.ReserveAsync(Request("o-2", usage, limits));

        Assert.Equal(ReserveStatus.Conflict, refused.Status);
        Assert.Null(refused.Order);
        Assert.Equal(
            [new ExceededLimit(RuleKind.Promotion, "flash", LimitKind.Units, 5, 0, 4, 2, null),
             new ExceededLimit(RuleKind.Promotion, "full", LimitKind.Budget, 10000, 0, 0, 10001, null)],
            refused.Exceeded);
        // Nothing of o-2 is held, not even the counters that had room.
        Assert.Equal(0, await UsedAsync(PromotionUses("free")));
        Assert.Equal(1, await UsedAsync(PromotionUses("flash")));
        Assert.Equal(0, await UsedAsync(CounterKeys.Spent(RuleKind.Promotion, "full")));
        Assert.Null(await Ledger.GetOrderAsync("o-2"));
        // ...so the same order id may be priced again and reserved once there is room.
        Assert.Equal(ReserveStatus.Reserved, (await Ledger.ReserveAsync(Request("o-2", PromotionUse("flash", units: 1), limits))).Status);
    }

    [LedgerFact]
    public async Task Exactly_the_limit_succeeds_when_many_orders_reserve_at_once_from_two_nodes()
    {
        var limits = Table([Promotion("flash", new() { Uses = 7 })]);
        var second = await OpenLedgerAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() =>
            (i % 2 == 0 ? Ledger : second).ReserveAsync(Request($"o-{i}", PromotionUse("flash"), limits)))));

        Assert.Equal(7, outcomes.Count(o => o.Status == ReserveStatus.Reserved));
        Assert.All(outcomes.Where(o => o.Status != ReserveStatus.Reserved),
            o => Assert.Equal(LimitKind.Uses, Assert.Single(o.Exceeded).Limit));
        Assert.Equal(7, await UsedAsync(PromotionUses("flash")));

        var winners = outcomes.Where(o => o.Status == ReserveStatus.Reserved).Select(o => o.Order!.OrderId).ToList();
        await Task.WhenAll(winners.Select(id => Task.Run(() => second.CommitAsync(id))));
        Assert.Equal(new CounterReading(PromotionUses("flash"), 7, 0), await ReadAsync(PromotionUses("flash")));
    }

    [LedgerFact]
    public async Task Units_reserved_at_once_never_pass_the_limit_and_the_counter_is_their_sum()
    {
        var limits = Table([Promotion("flash", new() { Units = 20 })]);
        var second = await OpenLedgerAsync();

        var orders = Enumerable.Range(0, 40).Select(i => (Id: $"o-{i}", Units: 1 + i % 4)).ToList();
        var outcomes = await Task.WhenAll(orders.Select((o, i) => Task.Run(async () =>
            (o.Units, Outcome: await (i % 2 == 0 ? Ledger : second).ReserveAsync(Request(o.Id, PromotionUse("flash", units: o.Units), limits))))));

        long held = outcomes.Where(o => o.Outcome.Status == ReserveStatus.Reserved).Sum(o => (long)o.Units);
        Assert.InRange(held, 17, 20); // at most the limit; at least limit − 3, or a 1-unit order would have fitted
        Assert.Equal(held, await UsedAsync(CounterKeys.Units(RuleKind.Promotion, "flash")));
    }

    // ---- idempotency ----

    [LedgerFact]
    public async Task Repeating_a_reserve_answers_the_first_reservation_and_changes_nothing()
    {
        var limits = Table([Promotion("flash", new() { Uses = 1 })]);
        var first = await Ledger.ReserveAsync(Request("o-1", PromotionUse("flash"), limits, result: "{}"));
        Time.Advance(TimeSpan.FromMinutes(1));

        var again = await Ledger.ReserveAsync(Request("o-1", PromotionUse("flash"), limits, result: "{}"));

        Assert.Equal(ReserveStatus.Reserved, again.Status);
        Assert.True(again.Repeated);
        Assert.Equal(first.Order!.ExpiresAt, again.Order!.ExpiresAt);
        Assert.Equal(1, await UsedAsync(PromotionUses("flash")));

        await Ledger.CommitAsync("o-1");
        var afterCommit = await Ledger.ReserveAsync(Request("o-1", PromotionUse("flash"), limits, result: "{}"));
        Assert.True(afterCommit.Repeated);
        Assert.Equal(OrderStatus.Committed, afterCommit.Order!.Status);
        Assert.Equal(new CounterReading(PromotionUses("flash"), 1, 0), await ReadAsync(PromotionUses("flash")));
    }

    [LedgerFact]
    public async Task Concurrent_retries_of_one_order_reserve_it_once()
    {
        var limits = Table([Promotion("flash", new() { Uses = 5 })]);
        var second = await OpenLedgerAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            (i % 2 == 0 ? Ledger : second).ReserveAsync(Request("o-1", PromotionUse("flash"), limits, result: "{}")))));

        Assert.All(outcomes, o => Assert.Equal(ReserveStatus.Reserved, o.Status));
        Assert.Equal(1, outcomes.Count(o => !o.Repeated));
        Assert.Equal(1, await UsedAsync(PromotionUses("flash")));
    }

    [LedgerFact]
    public async Task An_order_id_reused_for_another_order_is_refused_and_changes_nothing()
    {
        var limits = Table([Promotion("flash", new() { Uses = 5 })]);
        await Ledger.ReserveAsync(Request("o-1", PromotionUse("flash"), limits, result: "{\"payable\":1}"));

        var other = await Ledger.ReserveAsync(Request("o-1", PromotionUse("flash", spent: 200), limits, result: "{\"payable\":2}"));
        var otherByFingerprint = await Ledger.ReserveAsync(
            Request("o-1", PromotionUse("flash"), limits, result: "{\"payable\":1}") with { Fingerprint = "another request" });

        Assert.Equal(ReserveStatus.OrderIdReused, other.Status);
        Assert.Equal(ReserveStatus.OrderIdReused, otherByFingerprint.Status);
        Assert.Equal(1, await UsedAsync(PromotionUses("flash")));
        Assert.Equal("{\"payable\":1}", (await Ledger.GetOrderAsync("o-1"))!.ResultJson);
    }

    [LedgerFact]
    public async Task Commit_release_and_revoke_are_idempotent_and_follow_the_order_status()
    {
        var limits = Table([Promotion("flash", new() { Uses = 5 })]);
        await Ledger.ReserveAsync(Request("o-1", PromotionUse("flash"), limits));
        await Ledger.ReserveAsync(Request("o-2", PromotionUse("flash"), limits));

        Assert.Equal(new TransitionOutcome(TransitionStatus.Refused, OrderStatus.Reserved), await Ledger.RevokeAsync("o-1"));
        Assert.Equal(new TransitionOutcome(TransitionStatus.Done, OrderStatus.Committed), await Ledger.CommitAsync("o-1"));
        Assert.Equal(new TransitionOutcome(TransitionStatus.AlreadyDone, OrderStatus.Committed), await Ledger.CommitAsync("o-1"));
        Assert.Equal(new TransitionOutcome(TransitionStatus.Refused, OrderStatus.Committed), await Ledger.ReleaseAsync("o-1"));

        Assert.Equal(new TransitionOutcome(TransitionStatus.Done, OrderStatus.Released), await Ledger.ReleaseAsync("o-2"));
        Assert.Equal(new TransitionOutcome(TransitionStatus.AlreadyDone, OrderStatus.Released), await Ledger.ReleaseAsync("o-2"));
        Assert.Equal(new TransitionOutcome(TransitionStatus.Refused, OrderStatus.Released), await Ledger.CommitAsync("o-2"));
        Assert.Equal(new TransitionOutcome(TransitionStatus.Refused, OrderStatus.Released), await Ledger.RevokeAsync("o-2"));

        Assert.Equal(new CounterReading(PromotionUses("flash"), 1, 0), await ReadAsync(PromotionUses("flash")));
        Assert.Equal(new TransitionOutcome(TransitionStatus.NotFound, null), await Ledger.CommitAsync("o-9"));
        Assert.Null(await Ledger.GetOrderAsync("o-9"));
    }

    [LedgerFact]
    public async Task A_release_gives_the_slot_to_the_next_order()
    {
        var limits = Table([Promotion("flash", new() { Uses = 1 })]);
        await Ledger.ReserveAsync(Request("o-1", PromotionUse("flash"), limits));
        Assert.Equal(ReserveStatus.Conflict, (await Ledger.ReserveAsync(Request("o-2", PromotionUse("flash"), limits))).Status);

        await Ledger.ReleaseAsync("o-1");

        Assert.Equal(ReserveStatus.Reserved, (await Ledger.ReserveAsync(Request("o-2", PromotionUse("flash"), limits))).Status);
        Assert.Equal(1, await UsedAsync(PromotionUses("flash")));
    }

    [LedgerFact]
    public async Task A_revoke_gives_back_what_a_committed_order_consumed()
    {
        var limits = Table([Promotion("flash", new() { Units = 5, UnitsPerCustomer = 3 })], [Coupon("c", usesPerCode: 1)]);
        var usage = Usage([new("flash", 1, 3, 6000)], [new("c", 1, 500)], ["C-1"]);
        await Ledger.ReserveAsync(Request("o-1", usage, limits, customer: "u1", codeCoupons: new Dictionary<string, string> { ["C-1"] = "c" }));
        await Ledger.CommitAsync("o-1");
        Assert.Equal(ReserveStatus.Conflict, (await Ledger.ReserveAsync(Request("o-2", CodeUse("c", "C-1"), limits))).Status);

        Assert.Equal(new TransitionOutcome(TransitionStatus.Done, OrderStatus.Revoked), await Ledger.RevokeAsync("o-1"));
        Assert.Equal(new TransitionOutcome(TransitionStatus.AlreadyDone, OrderStatus.Revoked), await Ledger.RevokeAsync("o-1"));
        Assert.Equal(new TransitionOutcome(TransitionStatus.AlreadyDone, OrderStatus.Revoked), await Ledger.CommitAsync("o-1"));

        foreach (var key in (string[])[PromotionUses("flash"), CounterKeys.Units(RuleKind.Promotion, "flash"),
                     CounterKeys.Spent(RuleKind.Promotion, "flash"), CounterKeys.CustomerUnits(RuleKind.Promotion, "flash", "u1"),
                     CounterKeys.Uses(RuleKind.Coupon, "c"), CounterKeys.Code("C-1")])
            Assert.Equal(new CounterReading(key, 0, 0), await ReadAsync(key));
        Assert.Equal(ReserveStatus.Reserved, (await Ledger.ReserveAsync(Request("o-2", CodeUse("c", "C-1"), limits))).Status);
    }

    // ---- time to live ----

    [LedgerFact]
    public async Task A_reservation_not_committed_within_its_ttl_is_released_and_cannot_be_committed()
    {
        var limits = Table([Promotion("flash", new() { Uses = 1 })]);
        await Ledger.ReserveAsync(Request("o-1", PromotionUse("flash"), limits, ttl: TimeSpan.FromMinutes(5)));

        Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await UsedAsync(PromotionUses("flash")));
        Assert.Equal(OrderStatus.Reserved, (await Ledger.GetOrderAsync("o-1"))!.Status);
        Assert.Equal(ReserveStatus.Conflict, (await Ledger.ReserveAsync(Request("o-2", PromotionUse("flash"), limits))).Status);

        Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, await UsedAsync(PromotionUses("flash")));
        Assert.Equal(OrderStatus.Expired, (await Ledger.GetOrderAsync("o-1"))!.Status);
        Assert.Equal(new TransitionOutcome(TransitionStatus.Refused, OrderStatus.Expired), await Ledger.CommitAsync("o-1"));
        Assert.Equal(new TransitionOutcome(TransitionStatus.AlreadyDone, OrderStatus.Expired), await Ledger.ReleaseAsync("o-1"));
        Assert.Equal(ReserveStatus.Reserved, (await Ledger.ReserveAsync(Request("o-2", PromotionUse("flash"), limits))).Status);
        Assert.Equal(new CounterReading(PromotionUses("flash"), 0, 1), await ReadAsync(PromotionUses("flash")));
    }

    [LedgerFact]
    public async Task A_sweep_releases_every_expired_reservation_and_only_those()
    {
        var limits = Table([Promotion("flash", new() { Uses = 10 })]);
        await Ledger.ReserveAsync(Request("o-1", PromotionUse("flash"), limits, ttl: TimeSpan.FromMinutes(1)));
        await Ledger.ReserveAsync(Request("o-2", PromotionUse("flash"), limits, ttl: TimeSpan.FromMinutes(1)));
        await Ledger.ReserveAsync(Request("o-3", PromotionUse("flash"), limits, ttl: TimeSpan.FromMinutes(10)));
        await Ledger.ReserveAsync(Request("o-4", PromotionUse("flash"), limits, ttl: TimeSpan.FromMinutes(1)));
        await Ledger.CommitAsync("o-4");
        Time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(2, await Ledger.SweepAsync());
        Assert.Equal(0, await Ledger.SweepAsync());

        Assert.Equal(new CounterReading(PromotionUses("flash"), 1, 1), await ReadAsync(PromotionUses("flash")));
        Assert.Equal(OrderStatus.Expired, (await Ledger.GetOrderAsync("o-1"))!.Status);
        Assert.Equal(OrderStatus.Reserved, (await Ledger.GetOrderAsync("o-3"))!.Status);
        Assert.Equal(OrderStatus.Committed, (await Ledger.GetOrderAsync("o-4"))!.Status);
    }

    // ---- budgets, per-customer counters, codes ----

    [LedgerFact]
    public async Task A_budget_caps_the_sum_of_discounts_in_minor_units()
    {
        var limits = Table(coupons: [Coupon("brand", new() { Budget = 100.00m })]);
        Assert.Equal(ReserveStatus.Reserved, (await Ledger.ReserveAsync(Request("o-1", Usage(coupons: [new("brand", 1, 6000)]), limits))).Status);
        await Ledger.CommitAsync("o-1");

        var refused = await Ledger.ReserveAsync(Request("o-2", Usage(coupons: [new("brand", 1, 4001)]), limits));

        Assert.Equal([new ExceededLimit(RuleKind.Coupon, "brand", LimitKind.Budget, 10000, 6000, 0, 4001, null)], refused.Exceeded);
        Assert.Equal(ReserveStatus.Reserved, (await Ledger.ReserveAsync(Request("o-3", Usage(coupons: [new("brand", 1, 4000)]), limits))).Status);
    }

    [LedgerFact]
    public async Task Per_customer_limits_count_each_customer_apart_and_need_a_customer()
    {
        var limits = Table([Promotion("newcomer", new() { UsesPerCustomer = 1 })]);
        Assert.Equal(ReserveStatus.Reserved, (await Ledger.ReserveAsync(Request("o-1", PromotionUse("newcomer"), limits, customer: "u1"))).Status);

        var again = await Ledger.ReserveAsync(Request("o-2", PromotionUse("newcomer"), limits, customer: "u1"));
        var guest = await Ledger.ReserveAsync(Request("o-3", PromotionUse("newcomer"), limits));

        Assert.Equal([new ExceededLimit(RuleKind.Promotion, "newcomer", LimitKind.UsesPerCustomer, 1, 0, 1, 1, "u1")], again.Exceeded);
        Assert.Equal(LimitKind.UsesPerCustomer, Assert.Single(guest.Exceeded).Limit);
        Assert.Contains("no customer", guest.Exceeded[0].Message);
        Assert.Equal(ReserveStatus.Reserved, (await Ledger.ReserveAsync(Request("o-4", PromotionUse("newcomer"), limits, customer: "u2"))).Status);
        Assert.Equal(2, await UsedAsync(PromotionUses("newcomer")));
        Assert.Equal(1, await UsedAsync(CounterKeys.CustomerUses(RuleKind.Promotion, "newcomer", "u2")));
    }

    [LedgerFact]
    public async Task Units_per_customer_and_in_all_are_both_checked()
    {
        var limits = Table([Promotion("flash", new() { Units = 6, UnitsPerCustomer = 4 })]);
        Assert.Equal(ReserveStatus.Reserved, (await Ledger.ReserveAsync(Request("o-1", PromotionUse("flash", units: 3), limits, customer: "u1"))).Status);

        var refused = await Ledger.ReserveAsync(Request("o-2", PromotionUse("flash", units: 2), limits, customer: "u1"));
        Assert.Equal([new ExceededLimit(RuleKind.Promotion, "flash", LimitKind.UnitsPerCustomer, 4, 0, 3, 2, "u1")], refused.Exceeded);

        Assert.Equal(ReserveStatus.Reserved, (await Ledger.ReserveAsync(Request("o-3", PromotionUse("flash", units: 3), limits, customer: "u2"))).Status);
        var full = await Ledger.ReserveAsync(Request("o-4", PromotionUse("flash", units: 1), limits, customer: "u3"));
        Assert.Equal([new ExceededLimit(RuleKind.Promotion, "flash", LimitKind.Units, 6, 0, 6, 1, null)], full.Exceeded);
    }

    [LedgerFact]
    public async Task A_code_serves_as_many_orders_as_its_coupons_uses_per_code()
    {
        var limits = Table(coupons: [Coupon("welcome"), Coupon("day", usesPerCode: 3)]);
        var codes = new Dictionary<string, string> { ["W-1"] = "welcome", ["D-5"] = "day" };
        Assert.Equal(ReserveStatus.Reserved, (await Ledger.ReserveAsync(Request("o-1", CodeUse("welcome", "W-1"), limits, codeCoupons: codes))).Status);
        var used = await Ledger.ReserveAsync(Request("o-2", CodeUse("welcome", "W-1"), limits, codeCoupons: codes));
        Assert.Equal([new ExceededLimit(RuleKind.Code, "W-1", LimitKind.UsesPerCode, 1, 0, 1, 1, null)], used.Exceeded);

        for (int i = 0; i < 3; i++)
            Assert.Equal(ReserveStatus.Reserved, (await Ledger.ReserveAsync(Request($"d-{i}", CodeUse("day", "D-5"), limits, codeCoupons: codes))).Status);
        Assert.Equal(ReserveStatus.Conflict, (await Ledger.ReserveAsync(Request("d-3", CodeUse("day", "D-5"), limits, codeCoupons: codes))).Status);
        // A code whose coupon is not known defaults to one order.
        await Ledger.ReserveAsync(Request("x-1", CodeUse("other", "X-1"), limits));
        Assert.Equal(ReserveStatus.Conflict, (await Ledger.ReserveAsync(Request("x-2", CodeUse("other", "X-1"), limits))).Status);
    }

    [LedgerFact]
    public async Task A_single_use_code_tried_by_many_orders_at_once_goes_to_exactly_one()
    {
        var limits = Table(coupons: [Coupon("welcome")]);
        var codes = new Dictionary<string, string> { ["W-1"] = "welcome" };
        var second = await OpenLedgerAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() =>
            (i % 2 == 0 ? Ledger : second).ReserveAsync(Request($"o-{i}", CodeUse("welcome", "W-1"), limits, codeCoupons: codes)))));

        Assert.Single(outcomes, o => o.Status == ReserveStatus.Reserved);
    }

    [LedgerFact]
    public async Task Coupon_uses_count_applied_instances()
    {
        var limits = Table(coupons: [Coupon("vip", new() { Uses = 3, UsesPerCustomer = 2 })]);
        Assert.Equal(ReserveStatus.Reserved, (await Ledger.ReserveAsync(Request("o-1", Usage(coupons: [new("vip", 2, 1000)]), limits, customer: "u1"))).Status);

        var refused = await Ledger.ReserveAsync(Request("o-2", Usage(coupons: [new("vip", 2, 1000)]), limits, customer: "u2"));

        Assert.Equal([new ExceededLimit(RuleKind.Coupon, "vip", LimitKind.Uses, 3, 0, 2, 2, null)], refused.Exceeded);
        Assert.Equal(ReserveStatus.Reserved, (await Ledger.ReserveAsync(Request("o-3", Usage(coupons: [new("vip", 1, 500)]), limits, customer: "u2"))).Status);
    }

    // ---- reading usage for pricing ----

    [LedgerFact]
    public async Task Pricing_reads_consumed_plus_live_reservations_in_the_carts_terms()
    {
        var limits = Table([Promotion("flash", new() { Units = 500 }), Promotion("newcomer", new() { UsesPerCustomer = 1 })],
            [Coupon("brand", new() { Budget = 10000.00m }), Coupon("day", usesPerCode: 3)]);
        var codes = new Dictionary<string, string> { ["D-5"] = "day" };
        await Ledger.ReserveAsync(Request("o-1", Usage([new("flash", 1, 2, 8000), new("newcomer", 1, null, 2000)], [new("brand", 1, 997000)]),
            limits, customer: "u13"));
        await Ledger.CommitAsync("o-1");
        await Ledger.ReserveAsync(Request("o-2", Usage([new("flash", 1, 3, 12000)], [new("day", 1, 500)], ["D-5"]), limits, customer: "u14", codeCoupons: codes));
        await Ledger.ReserveAsync(Request("o-3", Usage([new("flash", 1, 7, 1)]), limits, ttl: TimeSpan.FromMinutes(1)));
        Time.Advance(TimeSpan.FromMinutes(2)); // o-3 has expired: it counts no more

        var usage = await Ledger.ReadUsageAsync("u13", limits, ["D-5", "NEW-1"]);

        var flash = usage.Promotions!["flash"]!;
        Assert.Equal((2L, 5L, 200.00m), (flash.Uses!.Value, flash.Units!.Value, flash.Spent!.Value));
        Assert.Equal((1L, 1L), (usage.Promotions["newcomer"]!.Uses!.Value, usage.Promotions["newcomer"]!.CustomerUses!.Value));
        Assert.Equal(9970.00m, usage.Coupons!["brand"]!.Spent);
        Assert.False(usage.Coupons.ContainsKey("day")); // no limits: pricing needs no count, only its codes
        Assert.Equal(1, usage.Codes!["D-5"]);
        Assert.Equal(0, usage.Codes["NEW-1"]);

        var other = await Ledger.ReadUsageAsync("u14", limits, []);
        Assert.Equal(0, other.Promotions!["newcomer"]!.CustomerUses);
        var guest = await Ledger.ReadUsageAsync(null, limits, []);
        Assert.Equal(0, guest.Promotions!["newcomer"]!.CustomerUses);
    }

    // ---- results and returns ----

    [LedgerFact]
    public async Task Returns_are_kept_in_order_idempotent_by_return_id_and_a_full_return_revokes_the_usage()
    {
        var limits = Table([Promotion("full", new() { Uses = 1 })]);
        await Ledger.ReserveAsync(Request("o-1", PromotionUse("full", spent: 3000), limits, result: """{"lines":[]}"""));
        ReturnedLine[] first = [new("L1", 1)];

        Assert.Equal(ReturnStatus.NotCommitted,
            (await Ledger.RecordReturnAsync("o-1", "r-1", "fp-1", first, "{\"refund\":61.34}", false, 0)).Status);
        await Ledger.CommitAsync("o-1");

        Time.Advance(TimeSpan.FromDays(3));
        var recorded = await Ledger.RecordReturnAsync("o-1", "r-1", "fp-1", first, "{\"refund\":61.34}", false, 0);
        Assert.Equal(ReturnStatus.Recorded, recorded.Status);
        Assert.Equal(OrderStatus.Committed, recorded.Current);

        var repeated = await Ledger.RecordReturnAsync("o-1", "r-1", "fp-1", first, "{\"refund\":0}", false, 1);
        Assert.Equal(ReturnStatus.Repeated, repeated.Status);
        Assert.Equal("{\"refund\":61.34}", repeated.Return!.ResultJson);
        Assert.Equal(ReturnStatus.ReturnIdReused, (await Ledger.RecordReturnAsync("o-1", "r-1", "fp-other", first, "{}", false, 1)).Status);
        Assert.Equal(ReturnStatus.Stale, (await Ledger.RecordReturnAsync("o-1", "r-2", "fp-2", [new("L1", 2)], "{}", true, 0)).Status);
        Assert.Equal(1, await UsedAsync(PromotionUses("full")));

        var full = await Ledger.RecordReturnAsync("o-1", "r-2", "fp-2", [new("L1", 2), new("L2", 1)], "{\"refund\":168.66}", true, 1);
        Assert.Equal((ReturnStatus.Recorded, OrderStatus.Revoked), (full.Status, full.Current));
        Assert.Equal(new CounterReading(PromotionUses("full"), 0, 0), await ReadAsync(PromotionUses("full")));
        Assert.Equal(ReturnStatus.Repeated, (await Ledger.RecordReturnAsync("o-1", "r-2", "fp-2", [new("L1", 2), new("L2", 1)], "{}", true, 2)).Status);
        Assert.Equal(ReturnStatus.NotCommitted, (await Ledger.RecordReturnAsync("o-1", "r-3", "fp-3", first, "{}", false, 2)).Status);
        Assert.Equal(new TransitionOutcome(TransitionStatus.AlreadyDone, OrderStatus.Revoked), await Ledger.RevokeAsync("o-1"));
        Assert.Equal(new CounterReading(PromotionUses("full"), 0, 0), await ReadAsync(PromotionUses("full")));

        var order = await Ledger.GetOrderAsync("o-1");
        Assert.Equal(OrderStatus.Revoked, order!.Status);
        Assert.Equal("""{"lines":[]}""", order.ResultJson);
        Assert.Equal(["r-1", "r-2"], order.Returns.Select(r => r.ReturnId));
        Assert.Equal(new LedgerReturn("r-1", "fp-1", first, "{\"refund\":61.34}", false, Start + TimeSpan.FromDays(3)),
            order.Returns[0] with { Lines = first });
        Assert.Equal(first, order.Returns[0].Lines);
        Assert.Equal(new Dictionary<string, long> { ["L1"] = 3, ["L2"] = 1 }, order.ReturnedUnits());
        Assert.Equal(ReturnStatus.NotFound, (await Ledger.RecordReturnAsync("o-9", "r-1", "fp", first, "{}", false, 0)).Status);
    }

    [LedgerFact]
    public async Task What_one_node_wrote_another_reads_and_a_reopened_store_keeps()
    {
        var limits = Table([Promotion("flash", new() { Uses = 3 })]);
        await Ledger.ReserveAsync(Request("o-1", PromotionUse("flash"), limits, customer: "u1", result: "{\"a\":1}"));
        await Ledger.CommitAsync("o-1");
        await Ledger.ReserveAsync(Request("o-2", PromotionUse("flash"), limits));

        var other = await OpenLedgerAsync();

        var order = await other.GetOrderAsync("o-1");
        Assert.Equal((OrderStatus.Committed, "u1", "{\"a\":1}"), (order!.Status, order.CustomerId, order.ResultJson));
        Assert.Equal([new CounterDelta(PromotionUses("flash"), 1, null), new CounterDelta(CounterKeys.Spent(RuleKind.Promotion, "flash"), 100, null)],
            order.Consumption);
        Assert.Equal(new TransitionOutcome(TransitionStatus.Done, OrderStatus.Committed), await other.CommitAsync("o-2"));
        Assert.Equal(new CounterReading(PromotionUses("flash"), 2, 0), (await other.Store.ReadCountersAsync([PromotionUses("flash")], Time.GetUtcNow(), default)).Single());
    }

    [LedgerFact]
    public async Task Ids_ttls_and_amounts_out_of_range_are_refused_before_the_store()
    {
        var limits = Table();
        await Assert.ThrowsAsync<ArgumentException>(() => Ledger.ReserveAsync(Request("bad id", PromotionUse("p"), limits)));
        await Assert.ThrowsAsync<ArgumentException>(() => Ledger.ReserveAsync(Request("", PromotionUse("p"), limits)));
        await Assert.ThrowsAsync<ArgumentException>(() => Ledger.ReserveAsync(Request(new string('a', 101), PromotionUse("p"), limits)));
        await Assert.ThrowsAsync<ArgumentException>(() => Ledger.ReserveAsync(Request("o-1", PromotionUse("p"), limits, ttl: TimeSpan.Zero)));
        await Assert.ThrowsAsync<ArgumentException>(() => Ledger.ReserveAsync(Request("o-1", PromotionUse("p", spent: -1), limits)));
        await Assert.ThrowsAsync<ArgumentException>(() => Ledger.CommitAsync("o/1"));
        await Assert.ThrowsAsync<ArgumentException>(() => Ledger.RecordReturnAsync("o-1", "r 1", "fp", [new("L1", 1)], "{}", false, 0));
        Assert.Null(await Ledger.GetOrderAsync("o-1"));
    }

    [LedgerFact]
    public async Task Ids_of_any_text_keep_their_counters_apart()
    {
        // Rule ids, customers and codes are free text: separators in them must not make two counters one.
        var limits = Table([Promotion("a/b", new() { Uses = 1 }), Promotion("a", new() { UsesPerCustomer = 1 })]);
        Assert.Equal(ReserveStatus.Reserved, (await Ledger.ReserveAsync(Request("o-1", PromotionUse("a/b"), limits, customer: "x"))).Status);
        Assert.Equal(ReserveStatus.Reserved, (await Ledger.ReserveAsync(Request("o-2", PromotionUse("a"), limits, customer: "b/uses\t\n客户"))).Status);
        Assert.Equal(ReserveStatus.Reserved, (await Ledger.ReserveAsync(Request("o-3", CodeUse("c", "码 1/\t"), limits))).Status);
        Assert.Equal(ReserveStatus.Conflict, (await Ledger.ReserveAsync(Request("o-4", CodeUse("c", "码 1/\t"), limits))).Status);
        await Ledger.CommitAsync("o-2");
        var order = await Ledger.GetOrderAsync("o-2");
        Assert.Equal("b/uses\t\n客户", order!.CustomerId);
        Assert.Equal(1, (await Ledger.ReadUsageAsync("b/uses\t\n客户", limits, ["码 1/\t"])).Promotions!["a"]!.CustomerUses);
    }
}
