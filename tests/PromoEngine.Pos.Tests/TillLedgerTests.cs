using PromoEngine.Definitions;
using PromoEngine.Redemption;
using PromoEngine.Redemption.Sqlite;
using PromoEngine.Returns;

namespace PromoEngine.Pos.Tests;

/// <summary>A till on a real SQLite ledger: tender as an order, returns of any order by id, selling when the ledger is down.</summary>
public sealed class TillLedgerTests : IAsyncDisposable
{
    // Rice at 49.90 for the first 2 units sold anywhere; a single-use 5.00 code.
    private const string Rules = """
        { "id": "till-ledger", "version": "1", "currency": "CNY",
          "promotions": [{ "id": "rice-flash", "kind": "specialPrice", "scope": { "skus": ["RICE"] }, "price": 49.90, "limits": { "units": 2 } }],
          "coupons": [{ "id": "five", "amountOff": 5 }] }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("promoengine-till-ledger-").FullName;
    private readonly PricingEngine _engine = PricingEngine.FromJson(Rules);
    private readonly RedemptionLedger _ledger;

    public TillLedgerTests() => _ledger = new RedemptionLedger(new SqliteLedgerStore(Path.Combine(_directory, "ledger.db")));

    public async ValueTask DisposeAsync()
    {
        await _ledger.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private TillSession Till(TillLedger? ledger = null, string till = "T1", PricingEngine? engine = null)
    {
        var session = new TillSession(engine ?? _engine, TestData.Catalog, new TillOptions { StoreId = "S1", TillId = till }, new FixedClock(TestData.D11));
        session.UseLedger(ledger ?? new TillLedger(_ledger));
        return session;
    }

    [Fact]
    public async Task A_tender_reserves_and_commits_the_sale_and_the_receipt_shows_its_order_id()
    {
        var till = Till();
        till.Scan("RICE", 3);
        till.AddCoupon("FIVE-1", "five");

        var tendered = till.Ledger!.Tender(till);

        Assert.Equal(TenderStatus.Committed, tendered.Status);
        Assert.Equal(tendered.OrderId, till.OrderId);
        var receipt = till.BuildReceipt();
        Assert.Equal(tendered.OrderId, receipt.OrderId);
        Assert.Contains($"Order {tendered.OrderId}", ReceiptRenderer.Render(receipt));
        var order = (await _ledger.GetOrderAsync(tendered.OrderId!))!;
        Assert.Equal(OrderStatus.Committed, order.Status);
        Assert.Equal(Results.ResultJson.Write(till.Result!), order.ResultJson);

        // The next customer's basket sees the flash units and the code as used.
        var next = Till(till: "T2");
        next.Scan("RICE", 1);
        next.AddCoupon("FIVE-1", "five");
        Assert.Empty(next.Result!.Applied);
        Assert.Equal(CouponReason.CodeUsed, next.Result.Coupons.Single().Reason);
    }

    [Fact]
    public void An_offer_taken_by_another_till_between_pricing_and_tender_reprices_the_basket_and_sells_nothing()
    {
        var first = Till(till: "T1");
        first.Scan("RICE", 2);
        var second = Till(till: "T2");
        second.Scan("RICE", 2);   // priced while the two flash units are free
        Assert.Equal(TenderStatus.Committed, first.Ledger!.Tender(first).Status);

        var tendered = second.Ledger!.Tender(second);

        Assert.Equal(TenderStatus.PriceChanged, tendered.Status);
        Assert.Null(second.OrderId);
        Assert.Empty(second.Result!.Applied);   // priced again: the flash price is gone
        Assert.Equal(TenderStatus.Committed, second.Ledger.Tender(second).Status);
    }

    [Fact]
    public async Task A_till_returns_an_order_placed_online_refunding_what_the_online_returns_endpoint_computes()
    {
        // Placed "online": the order flow behind POST /v1/orders, on the same ledger.
        var flow = new OrderFlow(_ledger, TimeSpan.FromMinutes(15));
        var cart = PricingEngine.ReadCart("""
            { "currency": "CNY", "channel": "online", "at": "2026-11-11T10:00:00+08:00", "customer": { "id": "u1" },
              "lines": [{ "id": "L1", "sku": "RICE", "unitPrice": 59.90, "quantity": 3 }, { "id": "L2", "sku": "TEA", "unitPrice": 100.00, "quantity": 1 }],
              "coupons": [{ "code": "FIVE-9", "couponId": "five" }] }
            """);
        var placed = await flow.PlaceAsync(_engine, new OrderRequest("web-1", cart, null, "fp"));
        await _ledger.CommitAsync("web-1");
        var till = Till();

        var (slip, first) = till.Ledger!.Return(till, "web-1", "R1", [new ReturnLine("L1", 1)]);
        var (again, repeated) = till.Ledger.Return(till, "web-1", "R1", [new ReturnLine("L1", 1)]);
        var (rest, full) = till.Ledger.Return(till, "web-1", "R2", [new ReturnLine("L1", 2), new ReturnLine("L2", 1)]);

        string online1 = ReturnPricing.PriceJson(placed.ResultJson, """{ "now": [{ "line": "L1", "quantity": 1 }] }""");
        Assert.Equal(online1, first.Return!.ResultJson);
        Assert.Equal(ReturnDocumentRefund(online1), slip.CashBack);
        Assert.Equal(ReturnStatus.Repeated, repeated.Status);
        Assert.Equal(slip.CashBack, again.CashBack);
        string online2 = ReturnPricing.PriceJson(placed.ResultJson,
            """{ "previous": [{ "line": "L1", "quantity": 1 }], "now": [{ "line": "L1", "quantity": 2 }, { "line": "L2", "quantity": 1 }] }""");
        Assert.Equal(online2, full.Return!.ResultJson);
        Assert.Equal(ReturnDocumentRefund(online2), rest.CashBack);
        Assert.Equal(placed.Result!.Payable, slip.CashBack + rest.CashBack);
        Assert.Equal(OrderStatus.Revoked, full.OrderStatus);
        Assert.Throws<TillException>(() => till.Ledger.Return(till, "web-9", "R1", [new ReturnLine("L1", 1)]));
        Assert.Throws<TillException>(() => till.Ledger.Return(till, "web-1", "R1", [new ReturnLine("L2", 1)]));
    }

    [Fact]
    public void When_the_ledger_cannot_be_reached_the_till_sells_without_limited_offers_and_codes_and_says_why()
    {
        var down = new TillLedger(new RedemptionLedger(new DownStore()));
        var till = Till(down);
        till.Scan("RICE", 1);
        till.Scan("TEA", 1);
        till.AddCoupon("FIVE-1", "five");

        Assert.Equal(TillLedger.NotAppliedNotice, till.LedgerNotice);
        Assert.Empty(till.Result!.Applied);                                         // the flash price is limited: not given
        Assert.Equal(CouponReason.CodeUsed, till.Result.Coupons.Single().Reason); // no code can be confirmed
        Assert.Equal(5990 + 10000, till.Result.Payable);                            // the rest prices as usual
        var tendered = down.Tender(till);
        Assert.Equal(TenderStatus.SoldWithoutLedger, tendered.Status);
        Assert.Contains(TillLedger.NotAppliedNotice, ReceiptRenderer.Render(till.BuildReceipt()));

        // Under a rule set without limits a sale without codes needs nothing from the ledger to be priced;
        // it sells, and the receipt says it is not recorded.
        var plain = Till(down, engine: PricingEngine.FromJson(Rules.Replace(", \"limits\": { \"units\": 2 }", "")));
        plain.Scan("TEA", 1);
        Assert.Null(plain.LedgerNotice);
        Assert.Equal(TenderStatus.SoldWithoutLedger, down.Tender(plain).Status);
        Assert.Contains(TillLedger.NotRecordedNotice, ReceiptRenderer.Render(plain.BuildReceipt()));
    }

    [Fact]
    public void A_till_cart_with_a_usage_of_its_own_is_refused()
    {
        var ledger = new TillLedger(_ledger);
        var cart = new CartDefinition { Usage = new UsageDefinition() };

        Assert.Throws<TillException>(() => ledger.WithUsage(_engine, cart));
    }

    private static long ReturnDocumentRefund(string json)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return (long)(doc.RootElement.GetProperty("refund").GetDecimal() * 100);
    }

    private sealed class DownStore : ILedgerStore
    {
        public string Description => "down";
        private static Task<T> Down<T>() => Task.FromException<T>(new LedgerUnavailableException("the ledger is down"));
        public Task<StoreReserveResult> ReserveAsync(PendingOrder order, CancellationToken cancellationToken) => Down<StoreReserveResult>();
        public Task<TransitionOutcome> TransitionAsync(string orderId, LedgerTransition transition, DateTimeOffset now, CancellationToken cancellationToken) => Down<TransitionOutcome>();
        public Task<IReadOnlyList<CounterReading>> ReadCountersAsync(IReadOnlyList<string> keys, DateTimeOffset now, CancellationToken cancellationToken) => Down<IReadOnlyList<CounterReading>>();
        public Task<LedgerOrder?> GetOrderAsync(string orderId, DateTimeOffset now, CancellationToken cancellationToken) => Down<LedgerOrder?>();
        public Task<ReturnOutcome> AppendReturnAsync(string orderId, LedgerReturn entry, int expectedCount, CancellationToken cancellationToken) => Down<ReturnOutcome>();
        public Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken) => Down<int>();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
