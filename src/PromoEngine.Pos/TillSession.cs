using System.Collections.Immutable;
using PromoEngine.Definitions;
using PromoEngine.Money;

namespace PromoEngine.Pos;

/// <summary>A basket line at the till.</summary>
/// <param name="Id">Stable line id: <c>L1</c>, <c>L2</c>, ... in scan order, never reused in a session.</param>
/// <param name="Product">The catalog product.</param>
/// <param name="Quantity">Units (≥ 1).</param>
public sealed record TillLine(string Id, CatalogProduct Product, long Quantity);

/// <summary>The identified member.</summary>
/// <param name="Id">Member id.</param>
/// <param name="Tier">Member tier; null for a member without tier.</param>
/// <param name="Points">Points balance.</param>
public sealed record TillMember(string Id, string? Tier, long Points);

/// <summary>A coupon presented at the till.</summary>
/// <param name="Code">The instance's code.</param>
/// <param name="CouponId">The coupon definition's id.</param>
public sealed record TillCoupon(string Code, string CouponId);

/// <summary>
/// One customer's basket at a till. Every action (scan, void, quantity, member, coupons, points, cash
/// rounding) re-prices the whole basket with <see cref="PricingEngine.Price(CartDefinition)"/>, at the instant read
/// from the till's clock, as a <c>store</c> cart of the till's store. An action that cannot be done
/// throws <see cref="TillException"/> and leaves the session unchanged, so <see cref="Result"/> is
/// always the price of the basket shown. Not thread-safe: one till, one session at a time.
/// </summary>
public sealed class TillSession
{
    /// <summary>The channel of every till cart.</summary>
    public const string Channel = "store";

    private readonly TimeProvider _clock;
    private readonly HashSet<string> _tiers;
    private State _state;

    /// <summary>A session pricing with <paramref name="snapshot"/>, whose id, version and digest go on the receipt.</summary>
    /// <exception cref="ArgumentException">The catalog's currency is not the rule set's, or no store id is given.</exception>
    public TillSession(RuleSetSnapshot snapshot, Catalog catalog, TillOptions options, TimeProvider? clock = null)
        : this((snapshot ?? throw new ArgumentNullException(nameof(snapshot))).Engine, catalog, options, clock)
    {
        Snapshot = snapshot;
    }

    /// <summary>A session pricing with <paramref name="engine"/>.</summary>
    /// <param name="engine">The compiled rule set.</param>
    /// <param name="catalog">What codes mean.</param>
    /// <param name="options">Store id and initial cash rounding.</param>
    /// <param name="clock">The till's clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentException">The catalog's currency is not the rule set's, no store id is given, or
    /// the rule set or the catalog names stores and the till's is none of them (<see cref="KnownStores"/>).</exception>
    public TillSession(PricingEngine engine, Catalog catalog, TillOptions options, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.StoreId)) throw new ArgumentException("a till needs a store id", nameof(options));
        string currency = engine.Currency;
        if (!string.Equals(catalog.Currency, currency, StringComparison.Ordinal))
            throw new ArgumentException($"the catalog is in {catalog.Currency} but the rule set prices in {currency}", nameof(catalog));
        // A store nobody knows would silently lose every store promotion and coupon: refuse it before the first sale.
        var stores = KnownStores(engine, catalog);
        if (stores.Count > 0 && !stores.Contains(options.StoreId, StringComparer.Ordinal))
            throw new ArgumentException(
                $"store '{TillText.Printable(options.StoreId)}' is unknown to the rule set and the catalog; the stores they know: {string.Join(", ", stores)}");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxLineQuantity, 1, nameof(options.MaxLineQuantity));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxPointsBalance, nameof(options.MaxPointsBalance));
        Engine = engine;
        Catalog = catalog;
        Options = options;
        _clock = clock ?? TimeProvider.System;
        _tiers = new HashSet<string>(engine.Tiers, StringComparer.Ordinal);
        _state = State.Empty(options.CashRounding);
        Reprice();
    }

    /// <summary>The engine that prices the basket.</summary>
    public PricingEngine Engine { get; }

    /// <summary>What people read for the rule set's ids and reasons (names, sentences).</summary>
    public DisplayTexts Texts => _texts ??= new DisplayTexts(Engine);

    private DisplayTexts? _texts;

    /// <summary>
    /// The store ids a till may be set up for: those the catalog lists and those the rule set's member prices,
    /// promotions and coupons name, in ordinal order. Empty when neither names a store: then no store-specific
    /// offer exists to be lost, and any store id is taken.
    /// </summary>
    public static IReadOnlyList<string> KnownStores(PricingEngine engine, Catalog catalog)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(catalog);
        var stores = new SortedSet<string>(catalog.Stores, StringComparer.Ordinal);
        var rules = engine.Definition;
        foreach (var price in rules.MemberPrices ?? []) stores.UnionWith(price?.Stores ?? []);
        foreach (var promotion in rules.Promotions ?? []) stores.UnionWith(promotion?.Stores ?? []);
        foreach (var coupon in rules.Coupons ?? []) stores.UnionWith(coupon?.Stores ?? []);
        return [.. stores];
    }

    /// <summary>The snapshot the engine came from, when the session was built from one.</summary>
    public RuleSetSnapshot? Snapshot { get; }

    /// <summary>The product catalog.</summary>
    public Catalog Catalog { get; }

    /// <summary>The till's setup.</summary>
    public TillOptions Options { get; }

    /// <summary>The store id of every cart.</summary>
    public string StoreId => Options.StoreId;

    /// <summary>The currency (the rule set's).</summary>
    public string Currency => Engine.Currency;

    /// <summary>Minor-unit digits of <see cref="Currency"/>.</summary>
    public int MinorDigits => Engine.MinorDigits;

    /// <summary>Lines, in scan order.</summary>
    public IReadOnlyList<TillLine> Lines => _state.Lines;

    /// <summary>The identified member; null for a guest.</summary>
    public TillMember? Member => _state.Member;

    /// <summary>Coupons presented, in the order given.</summary>
    public IReadOnlyList<TillCoupon> Coupons => _state.Coupons;

    /// <summary>The points choice: null for none, <see cref="PointsRequest.All"/> for the most allowed, or a number.</summary>
    public PointsRequest? Points => _state.Points;

    /// <summary>The cash rounding in force; null for none.</summary>
    public CashRounding? CashRounding => _state.Rounding;

    /// <summary>The till clock's reading at the last pricing (the cart's <c>at</c>).</summary>
    public DateTimeOffset PricedAt { get; private set; }

    /// <summary>The cart last priced; null while the basket is empty (the engine prices no empty cart).</summary>
    public CartDefinition? Cart { get; private set; }

    /// <summary>The engine's price of <see cref="Cart"/>, untouched; null while the basket is empty.</summary>
    public PricingResult? Result { get; private set; }

    /// <summary>The cash rounding of <see cref="Result"/>; null without rounding or with an empty basket.</summary>
    public CashRoundingResult? Rounding { get; private set; }

    /// <summary>What the customer pays in cash: the rounded cash due, else the engine's payable (0 when empty).</summary>
    public long CashDue => Rounding?.CashDue ?? Result?.Payable ?? 0;

    /// <summary>The redemption ledger the till prices with and tenders on; null for a till without one.</summary>
    public TillLedger? Ledger { get; private set; }

    /// <summary>Why the basket was priced without the ledger (it could not be reached), for the receipt; null otherwise.</summary>
    public string? LedgerNotice { get; private set; }

    /// <summary>The ledger's order id of the basket once tendered (<see cref="TillLedger.Tender"/>); null before.</summary>
    public string? OrderId { get; private set; }

    /// <summary>
    /// Prices with <paramref name="ledger"/> from now on (null: without a ledger): every pricing reads the
    /// usage of limited rules and codes from it, and <see cref="TillLedger.Tender"/> reserves and commits there.
    /// </summary>
    public void UseLedger(TillLedger? ledger)
    {
        Ledger = ledger;
        Reprice();
    }

    internal void Tendered(string orderId) => OrderId = orderId;

    internal void SoldWithoutLedger(string notice) => LedgerNotice ??= notice;

    /// <summary>Counts the changes made (each re-priced the basket).</summary>
    public int Revision { get; private set; }

    /// <summary>
    /// Adds <paramref name="quantity"/> units of the product whose SKU or barcode is <paramref name="code"/>.
    /// A SKU already in the basket gets its line's quantity raised; otherwise a new line is added.
    /// </summary>
    /// <returns>The line scanned into.</returns>
    /// <exception cref="TillException">Unknown code, quantity below 1, or a basket the engine refuses.</exception>
    public TillLine Scan(string code, long quantity = 1)
    {
        ArgumentNullException.ThrowIfNull(code);
        code = code.Trim();
        if (code.Length == 0) throw new TillException("nothing scanned");
        if (quantity < 1) throw new TillException($"quantity must be at least 1, not {quantity}");
        CheckQuantity(quantity);
        if (!Catalog.TryFind(code, out var product)) throw new TillException($"unknown code '{TillText.Printable(code)}'");
        var s = _state;
        int index = -1;
        for (int i = 0; i < s.Lines.Count; i++)
        {
            if (string.Equals(s.Lines[i].Product.Sku, product.Sku, StringComparison.Ordinal)) { index = i; break; }
        }
        State next;
        TillLine line;
        if (index >= 0)
        {
            long total = s.Lines[index].Quantity + quantity;
            if (total > Options.MaxLineQuantity)
                throw new TillException($"{s.Lines[index].Id} would hold {total} units: a line takes at most {Options.MaxLineQuantity}");
            line = s.Lines[index] with { Quantity = total };
            next = s with { Lines = s.Lines.SetItem(index, line) };
        }
        else
        {
            line = new TillLine($"L{s.NextLine}", product, quantity);
            next = s with { Lines = s.Lines.Add(line), NextLine = s.NextLine + 1 };
        }
        Commit(next);
        return line;
    }

    /// <summary>Removes line <paramref name="lineId"/> (its id is not reused).</summary>
    /// <exception cref="TillException">No such line.</exception>
    public void Void(string lineId)
    {
        int index = IndexOf(lineId);
        Commit(_state with { Lines = _state.Lines.RemoveAt(index) });
    }

    /// <summary>Sets line <paramref name="lineId"/>'s quantity to <paramref name="quantity"/> (≥ 1; use <see cref="Void"/> to remove it).</summary>
    /// <exception cref="TillException">No such line, quantity below 1, or a basket the engine refuses.</exception>
    public void SetQuantity(string lineId, long quantity)
    {
        int index = IndexOf(lineId);
        if (quantity < 1) throw new TillException($"quantity must be at least 1, not {quantity} (void the line to remove it)");
        CheckQuantity(quantity);
        Commit(_state with { Lines = _state.Lines.SetItem(index, _state.Lines[index] with { Quantity = quantity }) });
    }

    /// <summary>Identifies the customer as a member (replacing any member identified before).</summary>
    /// <param name="id">Member id.</param>
    /// <param name="tier">A tier of the rule set, or null for a member without tier.</param>
    /// <param name="points">The member's points balance (≥ 0).</param>
    /// <exception cref="TillException">Empty id, unknown tier, negative balance, or a points choice above the new balance.</exception>
    public void IdentifyMember(string id, string? tier, long points)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new TillException("a member needs an id");
        TillText.Check(id, "member id", "$.customer.id");
        if (tier is not null) TillText.Check(tier, "tier", "$.customer.tier");
        if (tier is not null && !_tiers.Contains(tier))
            throw new TillException(_tiers.Count == 0
                ? $"unknown tier '{TillText.Printable(tier)}': the rule set has no tiers"
                : $"unknown tier '{TillText.Printable(tier)}' (tiers: {string.Join(", ", Engine.Tiers)})");
        if (points < 0) throw new TillException("a points balance cannot be negative");
        if (points > Options.MaxPointsBalance)
            throw new TillException($"a points balance of {points} is not believable: the till takes at most {Options.MaxPointsBalance}");
        CheckPointsChoice(_state.Points, points);
        Commit(_state with { Member = new TillMember(id.Trim(), tier, points) });
    }

    /// <summary>Forgets the member: the customer is a guest again.</summary>
    /// <exception cref="TillException">A number of points is chosen (a guest has none).</exception>
    public void ClearMember()
    {
        CheckPointsChoice(_state.Points, 0);
        Commit(_state with { Member = null });
    }

    /// <summary>Presents coupon <paramref name="code"/> of definition <paramref name="couponId"/>. The engine decides
    /// whether it is used; a refused coupon stays in the basket with its reason.</summary>
    /// <exception cref="TillException">Empty code or id, or the code is already presented.</exception>
    public void AddCoupon(string code, string couponId)
    {
        if (string.IsNullOrWhiteSpace(code)) throw new TillException("a coupon needs a code");
        if (string.IsNullOrWhiteSpace(couponId)) throw new TillException("a coupon needs a coupon id");
        int index = _state.Coupons.Count;
        TillText.Check(code, "coupon code", $"$.coupons[{index}].code");
        TillText.Check(couponId, "coupon id", $"$.coupons[{index}].couponId");
        code = code.Trim();
        if (_state.Coupons.Any(c => string.Equals(c.Code, code, StringComparison.Ordinal)))
            throw new TillException($"coupon {TillText.Printable(code)} is already presented");
        if (_state.Coupons.Count >= Options.MaxCoupons)
            throw new TillException($"a basket takes at most {Options.MaxCoupons} coupons");
        Commit(_state with { Coupons = _state.Coupons.Add(new TillCoupon(code, couponId.Trim())) });
    }

    /// <summary>Takes coupon <paramref name="code"/> back.</summary>
    /// <exception cref="TillException">No such coupon presented.</exception>
    public void RemoveCoupon(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        int index = _state.Coupons.FindIndex(c => string.Equals(c.Code, code.Trim(), StringComparison.Ordinal));
        if (index < 0) throw new TillException($"no coupon {TillText.Printable(code)} in the basket");
        Commit(_state with { Coupons = _state.Coupons.RemoveAt(index) });
    }

    /// <summary>Asks to use <paramref name="points"/> points (0 means none); the engine uses what its rules allow.</summary>
    /// <exception cref="TillException">Negative, or above the member's balance (a guest has 0).</exception>
    public void UsePoints(long points)
    {
        if (points < 0) throw new TillException("points cannot be negative");
        var request = points == 0 ? (PointsRequest?)null : PointsRequest.Of(points);
        CheckPointsChoice(request, _state.Member?.Points ?? 0);
        Commit(_state with { Points = request });
    }

    /// <summary>Asks to use as many points as the rules allow (the whole balance, capped by the engine).</summary>
    public void UseMaxPoints() => Commit(_state with { Points = PointsRequest.All });

    /// <summary>Uses no points.</summary>
    public void UseNoPoints() => Commit(_state with { Points = null });

    /// <summary>Sets the cash rounding (null for none). Only the rounding changes; the engine's result does not.</summary>
    public void SetCashRounding(CashRounding? rounding) => Commit(_state with { Rounding = rounding });

    /// <summary>Prices the basket again at the clock's current reading (e.g. after a long pause).</summary>
    public void Reprice() => Commit(_state);

    /// <summary>Empties the basket for the next customer: lines, member, coupons and points; keeps the cash rounding.</summary>
    public void Clear() => Commit(State.Empty(_state.Rounding));

    /// <summary>The receipt of the basket as priced now.</summary>
    public Receipt BuildReceipt() => Receipt.Build(this);

    /// <summary>
    /// The refund slip for returning units of an earlier order (spec §13), priced from that order's result
    /// alone (<paramref name="order"/>, e.g. read back with <see cref="Returns.ResultDocument"/> from what the till
    /// saved), at this till's store and clock. The till's cash rounding in force is taken to be the sale's, so each
    /// line's share of it goes back with the line. The basket is not touched.
    /// </summary>
    /// <exception cref="PromoValidationException">The result or the request is invalid.</exception>
    public RefundSlip BuildRefundSlip(PricingResult order, Returns.ReturnRequest request) =>
        Named(RefundSlip.Build(order, request, CashRounding, Catalog, StoreId, _clock.GetLocalNow(), Options.TillId));

    /// <summary>The slip with its gifts' promotions named as this rule set names them.</summary>
    internal RefundSlip Named(RefundSlip slip) =>
        slip with { GiftsToCollect = slip.GiftsToCollect.Select(g => g with { PromotionName = Texts.Promotion(g.PromotionId) }).ToArray() };

    private int IndexOf(string lineId)
    {
        ArgumentNullException.ThrowIfNull(lineId);
        string id = lineId.Trim();
        int index = _state.Lines.FindIndex(l => string.Equals(l.Id, id, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index : throw new TillException($"no line {TillText.Printable(lineId)}");
    }

    private void CheckQuantity(long quantity)
    {
        if (quantity > Options.MaxLineQuantity)
            throw new TillException($"quantity {quantity} is more than a line takes: at most {Options.MaxLineQuantity} units");
    }

    private static void CheckPointsChoice(PointsRequest? request, long balance)
    {
        if (request is { Max: false } r && r.Points > balance)
            throw new TillException(balance == 0
                ? $"{r.Points} points chosen but the customer has none (choose fewer points first)"
                : $"{r.Points} points chosen but the balance is {balance} (choose fewer points first)");
    }

    private void Commit(State next)
    {
        DateTimeOffset at = _clock.GetLocalNow();
        CartDefinition? cart = null;
        PricingResult? result = null;
        string? notice = null;
        if (next.Lines.Count > 0)
        {
            cart = BuildCart(next, at);
            // With a ledger: the usage it holds; when it cannot be reached, every limited rule and code exhausted.
            if (Ledger is not null) (cart, notice) = Ledger.WithUsage(Engine, cart);
            try
            {
                result = Engine.Price(cart);
            }
            catch (PromoValidationException e)
            {
                throw new TillException($"the basket cannot be priced: {string.Join("; ", e.Errors)}", e.Errors, e);
            }
        }
        _state = next;
        PricedAt = at;
        Cart = cart;
        Result = result;
        LedgerNotice = notice;
        OrderId = null;
        Rounding = result is not null && next.Rounding is { } rounding ? rounding.Apply(result) : null;
        Revision++;
    }

    private CartDefinition BuildCart(State s, DateTimeOffset at) => new()
    {
        Currency = Currency,
        Channel = Channel,
        StoreId = StoreId,
        At = at,
        Customer = s.Member is { } m ? new CustomerDefinition { Id = m.Id, Tier = m.Tier, Points = m.Points } : null,
        Lines = s.Lines.Select(l => new CartLineDefinition
        {
            Id = l.Id,
            Sku = l.Product.Sku,
            UnitPrice = l.Product.UnitPrice,
            Quantity = l.Quantity,
            Categories = l.Product.Categories,
            Brand = l.Product.Brand,
            Tags = l.Product.Tags,
        }).ToArray(),
        Coupons = s.Coupons.Select(c => new CouponInstanceDefinition { Code = c.Code, CouponId = c.CouponId }).ToArray(),
        UsePoints = s.Points,
    };

    private sealed record State(
        ImmutableList<TillLine> Lines,
        int NextLine,
        TillMember? Member,
        ImmutableList<TillCoupon> Coupons,
        PointsRequest? Points,
        CashRounding? Rounding)
    {
        public static State Empty(CashRounding? rounding) => new([], 1, null, [], null, rounding);
    }
}
