using System.Text.Json;
using PromoEngine.Definitions;
using PromoEngine.Redemption.Sqlite;
using PromoEngine.Redemption.Tests.Support;
using PromoEngine.Results;
using static PromoEngine.Redemption.Tests.Support.LedgerTestData;

namespace PromoEngine.Redemption.Tests;

/// <summary>The order flow over a real SQLite ledger and the real engine: price with fresh usage → reserve → on conflict price again.</summary>
public sealed class OrderFlowTests : IAsyncDisposable
{
    private const string Rules = """
        { "id": "flow", "version": "1", "currency": "CNY",
          "promotions": [
            { "id": "flash", "kind": "specialPrice", "scope": { "skus": ["P1"] }, "price": 59.00, "limits": { "units": 3 } },
            { "id": "newcomer", "kind": "threshold", "tiers": [{ "atLeast": 100, "amountOff": 20 }], "limits": { "usesPerCustomer": 1 } } ],
          "coupons": [{ "id": "welcome", "amountOff": 10 }] }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("promoengine-flow-").FullName;
    private readonly ManualTimeProvider _time = new(Start);
    private readonly PricingEngine _engine = PricingEngine.FromJson(Rules);
    private readonly RedemptionLedger _ledger;
    private readonly OrderFlow _flow;

    public OrderFlowTests()
    {
        _ledger = new RedemptionLedger(new SqliteLedgerStore(Path.Combine(_directory, "ledger.db")), _time);
        _flow = new OrderFlow(_ledger, Ttl);
    }

    public async ValueTask DisposeAsync()
    {
        await _ledger.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static CartDefinition Cart(string customer, int units, string? code = null) => PricingEngine.ReadCart($$"""
        { "currency": "CNY", "channel": "online", "at": "2026-06-18T20:00:00+08:00", "customer": { "id": "{{customer}}" },
          "lines": [{ "id": "L1", "sku": "P1", "unitPrice": 99.00, "quantity": {{units}} }]
          {{(code is null ? "" : $$""", "coupons": [{ "code": "{{code}}", "couponId": "welcome" }]""")}} }
        """);

    private static OrderRequest Order(string id, CartDefinition cart, long? expected = null) =>
        new(id, cart, expected, Fingerprints.Of(id, JsonSerializer.Serialize(cart), expected?.ToString()));

    [Fact]
    public async Task Orders_are_priced_with_what_earlier_orders_hold_and_reserve_what_they_consume()
    {
        var first = await _flow.PlaceAsync(_engine, Order("o-1", Cart("u1", 2, "W-1")));

        Assert.Equal(PlacementStatus.Reserved, first.Status);
        Assert.Equal(Start + Ttl, first.ExpiresAt);
        Assert.Equal(new PromotionUsage("flash", 1, 2, 8000), first.Result!.Usage.Promotions[0]);
        Assert.Equal(["W-1"], first.Result.Usage.Codes);
        Assert.Equal(ResultJson.Write(first.Result), first.ResultJson);
        Assert.Equal(first.ResultJson, (await _ledger.GetOrderAsync("o-1"))!.ResultJson);

        // The same customer again: one flash unit left, the newcomer deal and the code are used (by a reservation).
        var second = await _flow.QuoteAsync(_engine, Cart("u1", 2, "W-1"));
        Assert.Equal([new PromotionUsage("flash", 1, 1, 4000)], second.Usage.Promotions);
        Assert.Equal(CouponReason.CodeUsed, second.Coupons.Single().Reason);
        Assert.Equal(19800 - 4000, second.Payable);

        // Another customer gets the newcomer deal; the flash price is sold out once the first orders hold it.
        var other = await _flow.PlaceAsync(_engine, Order("o-2", Cart("u2", 2)));
        Assert.Equal(["flash", "newcomer"], other.Result!.Usage.Promotions.Select(p => p.Id));
        var soldOut = await _flow.QuoteAsync(_engine, Cart("u3", 2));
        Assert.Equal(["newcomer"], soldOut.Usage.Promotions.Select(p => p.Id));

        // An uncommitted reservation that expires gives its units back.
        await _ledger.CommitAsync("o-2");
        _time.Advance(Ttl);
        var afterExpiry = await _flow.QuoteAsync(_engine, Cart("u3", 3));
        Assert.Equal(new PromotionUsage("flash", 1, 2, 8000), afterExpiry.Usage.Promotions[0]);
    }

    [Fact]
    public async Task A_limit_taken_between_pricing_and_reserve_answers_a_conflict_with_the_fresh_price_and_reserves_nothing()
    {
        await using var ledger = new RedemptionLedger(new SqliteLedgerStore(Path.Combine(_directory, "ledger.db")), _time);
        var racing = new RedemptionLedger(new InterleavingStore(ledger.Store, async () =>
        {
            // Another checkout takes two of the three flash units after this order was priced with three.
            var taken = await _flow.PlaceAsync(_engine, Order("other", Cart("u9", 2)));
            Assert.Equal(PlacementStatus.Reserved, taken.Status);
        }), _time);
        var flow = new OrderFlow(racing, Ttl);

        var placed = await flow.PlaceAsync(_engine, Order("o-1", Cart("u1", 3)));

        Assert.Equal(PlacementStatus.Conflict, placed.Status);
        Assert.Equal([new ExceededLimit(RuleKind.Promotion, "flash", LimitKind.Units, 3, 0, 2, 3, null)], placed.Limits);
        Assert.False(placed.PayableChanged);
        Assert.Equal(new PromotionUsage("flash", 1, 1, 4000), placed.Result!.Usage.Promotions[0]); // the fresh quote: one unit left
        Assert.Equal(ResultJson.Write(placed.Result), placed.ResultJson);
        Assert.Null(await ledger.GetOrderAsync("o-1"));

        // The shopper accepts the new price: the same order id now reserves.
        var accepted = await _flow.PlaceAsync(_engine, Order("o-1", Cart("u1", 3), expected: placed.Result.Payable));
        Assert.Equal(PlacementStatus.Reserved, accepted.Status);
    }

    [Fact]
    public async Task A_payable_other_than_the_expected_one_is_a_conflict_with_nothing_reserved()
    {
        var quote = await _flow.QuoteAsync(_engine, Cart("u1", 1));

        var wrong = await _flow.PlaceAsync(_engine, Order("o-1", Cart("u1", 1), expected: quote.Payable + 1));
        var right = await _flow.PlaceAsync(_engine, Order("o-2", Cart("u1", 1), expected: quote.Payable));

        Assert.Equal((PlacementStatus.Conflict, true), (wrong.Status, wrong.PayableChanged));
        Assert.Empty(wrong.Limits);
        Assert.Equal(quote.Payable, wrong.Result!.Payable);
        Assert.Null(await _ledger.GetOrderAsync("o-1"));
        Assert.Equal(PlacementStatus.Reserved, right.Status);
    }

    [Fact]
    public async Task A_repeated_order_answers_its_stored_result_and_a_reused_id_is_refused()
    {
        var first = await _flow.PlaceAsync(_engine, Order("o-1", Cart("u1", 2)));
        // The rule set changes; a retry must still answer what was reserved, not a new price.
        var changed = PricingEngine.FromJson(Rules.Replace("59.00", "49.00"));

        var again = await _flow.PlaceAsync(changed, Order("o-1", Cart("u1", 2)));
        var other = await _flow.PlaceAsync(_engine, Order("o-1", Cart("u1", 1)));

        Assert.Equal((PlacementStatus.Reserved, true), (again.Status, again.Repeated));
        Assert.Equal(first.ResultJson, again.ResultJson);
        Assert.Equal(first.ExpiresAt, again.ExpiresAt);
        Assert.Equal(PlacementStatus.OrderIdReused, other.Status);
        Assert.Equal(2, (await _ledger.Store.ReadCountersAsync([CounterKeys.Units(RuleKind.Promotion, "flash")], _time.GetUtcNow(), default)).Single().Used);
    }

    [Fact]
    public async Task A_cart_that_brings_its_own_usage_is_refused_at_usage()
    {
        var cart = Cart("u1", 1) with { Usage = new UsageDefinition { Codes = new Dictionary<string, long?> { ["W-1"] = 0 } } };

        var quote = await Assert.ThrowsAsync<PromoValidationException>(() => _flow.QuoteAsync(_engine, cart));
        var order = await Assert.ThrowsAsync<PromoValidationException>(() => _flow.PlaceAsync(_engine, Order("o-1", cart)));

        Assert.Equal("$.usage", Assert.Single(quote.Errors).Path);
        Assert.Equal("$.usage", Assert.Single(order.Errors).Path);
        Assert.Null(await _ledger.GetOrderAsync("o-1"));
    }

    /// <summary>
    /// The shared limit scenarios, priced from ledger state: earlier orders committed so that the ledger holds
    /// exactly the scenario cart's usage; the cart without its usage, quoted through the ledger, gives the
    /// scenario's result to the byte; placing it reserves exactly the result's usage.
    /// </summary>
    [Theory]
    [InlineData("13-flash-units-left-and-customer-limit.json")]
    [InlineData("14-budget-caps-coupon-other-wins.json")]
    [InlineData("15-code-used-and-limit-reached.json")]
    public async Task Scenarios_priced_from_ledger_state_match_their_given_usage(string file)
    {
        using var scenario = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scenarios", file)));
        string rules = scenario.RootElement.GetProperty("rules").GetRawText();
        string cartJson = scenario.RootElement.GetProperty("cart").GetRawText();
        var engine = PricingEngine.FromJson(rules);
        var cart = PricingEngine.ReadCart(cartJson);
        var limits = LimitTable.From(engine);
        await SeedAsync(cart.Usage!, cart.Customer?.Id, limits);

        var quote = await _flow.QuoteAsync(engine, cart with { Usage = null });

        Assert.Equal(engine.PriceJson(cartJson), ResultJson.Write(quote));

        var placed = await _flow.PlaceAsync(engine, Order("scenario-order", cart with { Usage = null }));
        Assert.Equal(PlacementStatus.Reserved, placed.Status);
        foreach (var promotion in quote.Usage.Promotions)
            Assert.Equal(promotion.Units ?? 0, await HeldAsync(CounterKeys.Units(RuleKind.Promotion, promotion.Id)));
        foreach (var code in quote.Usage.Codes)
            Assert.Equal(1, await HeldAsync(CounterKeys.Code(code)));
    }

    private async Task<long> HeldAsync(string key) =>
        (await _ledger.Store.ReadCountersAsync([key], _time.GetUtcNow(), default)).Single().Reserved;

    // Commits one order that moved the counters by exactly the cart's usage: the history of many orders, in one.
    // It goes to the store directly (no limits checked): 9,030 uses of a once-per-customer deal by others are
    // one order here only.
    private async Task SeedAsync(UsageDefinition usage, string? customer, LimitTable limits)
    {
        var deltas = new List<CounterDelta>();
        void Add(string key, long? amount) { if (amount is > 0) deltas.Add(new CounterDelta(key, amount.Value, null)); }
        void AddRule(RuleKind kind, string id, UsageCountsDefinition counts)
        {
            Add(CounterKeys.Uses(kind, id), counts.Uses);
            Add(CounterKeys.Units(kind, id), counts.Units);
            Add(CounterKeys.Spent(kind, id), counts.Spent is { } spent ? limits.ToMinor(spent) : null);
            if (customer is null) return;
            Add(CounterKeys.CustomerUses(kind, id, customer), counts.CustomerUses);
            Add(CounterKeys.CustomerUnits(kind, id, customer), counts.CustomerUnits);
        }
        foreach (var (id, counts) in usage.Promotions ?? new Dictionary<string, UsageCountsDefinition?>()) AddRule(RuleKind.Promotion, id, counts!);
        foreach (var (id, counts) in usage.Coupons ?? new Dictionary<string, UsageCountsDefinition?>()) AddRule(RuleKind.Coupon, id, counts!);
        foreach (var (code, count) in usage.Codes ?? new Dictionary<string, long?>()) Add(CounterKeys.Code(code), count);

        var now = _time.GetUtcNow();
        var stored = await _ledger.Store.ReserveAsync(new PendingOrder("history", "seed", null, deltas, "null", now, now + Ttl), default);
        Assert.Equal(StoreReserveStatus.Reserved, stored.Status);
        Assert.Equal(TransitionStatus.Done, (await _ledger.CommitAsync("history")).Status);
    }
}
