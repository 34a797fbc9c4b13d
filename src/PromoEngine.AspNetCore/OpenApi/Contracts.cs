// The JSON documents of the HTTP API, as types, for the OpenAPI document only: the endpoints read and write these
// documents with the engine's own readers and writers, never through these types. The schema tests
// (OpenApiTests) check every property of real carts, results, returns and orders against them.
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

#pragma warning disable CA1812 // never instantiated: they describe JSON

namespace PromoEngine.AspNetCore.OpenApi;

internal static class Money
{
    public const string Text = "Money in major units of the currency, with exactly its minor digits (e.g. 268.00). ";
}

// ---- the cart (pricing spec §4) -------------------------------------------------------------------------------

[Description("A cart to price (pricing spec §4). Unknown properties are errors.")]
internal sealed record Cart
{
    [JsonPropertyName("currency"), Description("Must be the rule set's currency (ISO 4217 code).")]
    public required string Currency { get; init; }

    [JsonPropertyName("channel"), Description("Where the order is placed.")]
    public required Channel Channel { get; init; }

    [JsonPropertyName("storeId"), Description("The store, matched against rules' `stores`.")]
    public string? StoreId { get; init; }

    [JsonPropertyName("at"), Description("The moment of pricing, with an offset, matched against rules' windows. The engine never reads the clock.")]
    public required DateTimeOffset At { get; init; }

    [JsonPropertyName("customer"), Description("Absent: a guest (no member prices, no tier rules, no points).")]
    public CartCustomer? Customer { get; init; }

    [JsonPropertyName("lines"), Description("The basket, non-empty; results list lines in this order.")]
    public required IReadOnlyList<CartLine> Lines { get; init; }

    [JsonPropertyName("coupons"), Description("Coupon instances offered: the candidates for coupon choice (at most the service's limit, 100 by default).")]
    public IReadOnlyList<CartCoupon>? Coupons { get; init; }

    [JsonPropertyName("usePoints"), Description("Points to use: a whole number ≥ 0, or \"max\" for the whole balance.")]
    public PointsToUse? UsePoints { get; init; }

    [JsonPropertyName("usage"), Description("What limited rules have consumed: filled by the service from its redemption ledger; a cart sent to a service with a ledger must not carry it (400 at $.usage).")]
    public CartUsage? Usage { get; init; }

    [JsonPropertyName("$schema"), Description("A JSON Schema reference for editors; ignored.")]
    public string? Schema { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<Channel>))]
internal enum Channel
{
    [JsonStringEnumMemberName("online")] Online,
    [JsonStringEnumMemberName("store")] Store,
}

[Description("A whole number of points ≥ 0, or the string \"max\" (the whole balance).")]
internal sealed record PointsToUse;

internal sealed record CartCustomer
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("tier"), Description("One of the rule set's tiers.")] public string? Tier { get; init; }
    [JsonPropertyName("points"), Description("Points balance, ≥ 0.")] public long? Points { get; init; }
}

internal sealed record CartLine
{
    [JsonPropertyName("id"), Description("Non-empty, unique in the cart.")] public required string Id { get; init; }
    [JsonPropertyName("sku")] public required string Sku { get; init; }
    [JsonPropertyName("unitPrice"), Description(Money.Text + "List price of one unit, ≥ 0.")] public required decimal UnitPrice { get; init; }
    [JsonPropertyName("quantity"), Description("Units, ≥ 1.")] public required long Quantity { get; init; }
    [JsonPropertyName("categories"), Description("The line's category and all its ancestors.")] public IReadOnlyList<string>? Categories { get; init; }
    [JsonPropertyName("brand")] public string? Brand { get; init; }
    [JsonPropertyName("tags")] public IReadOnlyList<string>? Tags { get; init; }
}

internal sealed record CartCoupon
{
    [JsonPropertyName("code")] public required string Code { get; init; }
    [JsonPropertyName("couponId"), Description("The coupon definition; an unknown one is rejected with unknownCoupon, not an error.")]
    public required string CouponId { get; init; }
}

internal sealed record CartUsage
{
    [JsonPropertyName("promotions")] public IReadOnlyDictionary<string, UsageCounts>? Promotions { get; init; }
    [JsonPropertyName("coupons")] public IReadOnlyDictionary<string, UsageCounts>? Coupons { get; init; }
    [JsonPropertyName("codes"), Description("Orders that used each code.")] public IReadOnlyDictionary<string, long>? Codes { get; init; }
}

internal sealed record UsageCounts
{
    [JsonPropertyName("uses")] public long? Uses { get; init; }
    [JsonPropertyName("customerUses")] public long? CustomerUses { get; init; }
    [JsonPropertyName("units")] public long? Units { get; init; }
    [JsonPropertyName("customerUnits")] public long? CustomerUnits { get; init; }
    [JsonPropertyName("spent"), Description(Money.Text)] public decimal? Spent { get; init; }
}

// ---- the result (pricing spec §6) -----------------------------------------------------------------------------

[Description("The price of a cart (pricing spec §6), as PricingEngine.PriceJson writes it.")]
internal sealed record PricingResult
{
    [JsonPropertyName("ruleSet"), Description("The rule set that priced the cart.")] public required RuleSetRef RuleSet { get; init; }
    [JsonPropertyName("currency")] public required string Currency { get; init; }
    [JsonPropertyName("subtotal"), Description(Money.Text + "Σ line list amounts.")] public required decimal Subtotal { get; init; }
    [JsonPropertyName("discount"), Description(Money.Text + "Σ adjustments.")] public required decimal Discount { get; init; }
    [JsonPropertyName("total"), Description(Money.Text + "subtotal − discount.")] public required decimal Total { get; init; }
    [JsonPropertyName("points")] public required ResultPoints Points { get; init; }
    [JsonPropertyName("payable"), Description(Money.Text + "Cash due: total − points value.")] public required decimal Payable { get; init; }
    [JsonPropertyName("lines")] public required IReadOnlyList<ResultLine> Lines { get; init; }
    [JsonPropertyName("applied"), Description("Promotions that lowered a price or gave a gift, in pass order.")] public required IReadOnlyList<AppliedPromotion> Applied { get; init; }
    [JsonPropertyName("coupons"), Description("One entry per coupon candidate, in cart order.")] public required IReadOnlyList<ResultCoupon> Coupons { get; init; }
    [JsonPropertyName("gifts")] public required IReadOnlyList<ResultGift> Gifts { get; init; }
    [JsonPropertyName("hints"), Description("凑单 hints: how much more to spend (or buy) to reach the next tier.")] public required IReadOnlyList<ResultHint> Hints { get; init; }
    [JsonPropertyName("funding"), Description("Who funds the discount and the points' value, per party.")] public required IReadOnlyList<FundingAmount> Funding { get; init; }
    [JsonPropertyName("usage"), Description("What committing this order consumes of limited rules (spec §11).")] public required ResultUsage Usage { get; init; }
    [JsonPropertyName("couponChoice"), Description("Whether the coupon choice is the exact best or the bounded one (the search reached its work budget).")]
    public required CouponChoice CouponChoice { get; init; }
}

internal sealed record RuleSetRef
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("version")] public required string Version { get; init; }
}

internal sealed record ResultPoints
{
    [JsonPropertyName("used")] public required long Used { get; init; }
    [JsonPropertyName("value"), Description(Money.Text)] public required decimal Value { get; init; }
    [JsonPropertyName("earned")] public required long Earned { get; init; }
}

internal sealed record ResultLine
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("sku")] public required string Sku { get; init; }
    [JsonPropertyName("quantity")] public required long Quantity { get; init; }
    [JsonPropertyName("listAmount"), Description(Money.Text)] public required decimal ListAmount { get; init; }
    [JsonPropertyName("adjustments")] public required IReadOnlyList<Adjustment> Adjustments { get; init; }
    [JsonPropertyName("amount"), Description(Money.Text)] public required decimal Amount { get; init; }
    [JsonPropertyName("pointsUsed")] public required long PointsUsed { get; init; }
    [JsonPropertyName("pointsValue"), Description(Money.Text)] public required decimal PointsValue { get; init; }
    [JsonPropertyName("payable"), Description(Money.Text)] public required decimal Payable { get; init; }
    [JsonPropertyName("funding")] public required IReadOnlyList<FundingAmount> Funding { get; init; }
}

internal sealed record Adjustment
{
    [JsonPropertyName("source"), Description("The promotion id, coupon code or member price that gave it.")] public required string Source { get; init; }
    [JsonPropertyName("stage")] public required Stage Stage { get; init; }
    [JsonPropertyName("amount"), Description(Money.Text)] public required decimal Amount { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<Stage>))]
internal enum Stage
{
    [JsonStringEnumMemberName("item")] Item,
    [JsonStringEnumMemberName("multibuy")] Multibuy,
    [JsonStringEnumMemberName("threshold")] Threshold,
    [JsonStringEnumMemberName("coupon")] Coupon,
}

internal sealed record AppliedPromotion
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("name"), Description("The display name the rule set gives it.")] public string? Name { get; init; }
    [JsonPropertyName("stage")] public required Stage Stage { get; init; }
    [JsonPropertyName("layer")] public string? Layer { get; init; }
    [JsonPropertyName("amount"), Description(Money.Text)] public required decimal Amount { get; init; }
    [JsonPropertyName("lines"), Description("Ids of the lines it applied to.")] public required IReadOnlyList<string> Lines { get; init; }
}

internal sealed record ResultCoupon
{
    [JsonPropertyName("code")] public required string Code { get; init; }
    [JsonPropertyName("couponId")] public required string CouponId { get; init; }
    [JsonPropertyName("name"), Description("The display name the rule set gives it.")] public string? Name { get; init; }
    [JsonPropertyName("status")] public required CouponStatus Status { get; init; }
    [JsonPropertyName("amount"), Description(Money.Text + "When applied.")] public decimal? Amount { get; init; }
    [JsonPropertyName("reason"), Description("When rejected.")] public CouponReason? Reason { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<CouponStatus>))]
internal enum CouponStatus
{
    [JsonStringEnumMemberName("applied")] Applied,
    [JsonStringEnumMemberName("rejected")] Rejected,
}

[JsonConverter(typeof(JsonStringEnumConverter<CouponReason>))]
internal enum CouponReason
{
    [JsonStringEnumMemberName("unknownCoupon")] UnknownCoupon,
    [JsonStringEnumMemberName("duplicateCode")] DuplicateCode,
    [JsonStringEnumMemberName("notActive")] NotActive,
    [JsonStringEnumMemberName("channelNotAllowed")] ChannelNotAllowed,
    [JsonStringEnumMemberName("storeNotAllowed")] StoreNotAllowed,
    [JsonStringEnumMemberName("tierNotAllowed")] TierNotAllowed,
    [JsonStringEnumMemberName("minSpendNotMet")] MinSpendNotMet,
    [JsonStringEnumMemberName("noEligibleItems")] NoEligibleItems,
    [JsonStringEnumMemberName("notInBestCombination")] NotInBestCombination,
    [JsonStringEnumMemberName("codeUsed")] CodeUsed,
    [JsonStringEnumMemberName("limitReached")] LimitReached,
}

[JsonConverter(typeof(JsonStringEnumConverter<CouponChoice>))]
internal enum CouponChoice
{
    [JsonStringEnumMemberName("exact")] Exact,
    [JsonStringEnumMemberName("bounded")] Bounded,
}

internal sealed record ResultGift
{
    [JsonPropertyName("promotionId")] public required string PromotionId { get; init; }
    [JsonPropertyName("sku")] public required string Sku { get; init; }
    [JsonPropertyName("quantity")] public required long Quantity { get; init; }
}

internal sealed record HintGift
{
    [JsonPropertyName("sku")] public required string Sku { get; init; }
    [JsonPropertyName("quantity")] public required long Quantity { get; init; }
}

internal sealed record ResultHint
{
    [JsonPropertyName("source"), Description("The promotion or coupon the hint is about.")] public required string Source { get; init; }
    [JsonPropertyName("name"), Description("Its display name, when the rule set gives one.")] public string? Name { get; init; }
    [JsonPropertyName("shortfall"), Description("What is missing: money (major units) for an amount threshold, units for a quantity threshold.")]
    public required decimal Shortfall { get; init; }
    [JsonPropertyName("saving"), Description(Money.Text + "What reaching it would save.")] public decimal? Saving { get; init; }
    [JsonPropertyName("gift"), Description("The gift reaching it would give.")] public HintGift? Gift { get; init; }
}

internal sealed record FundingAmount
{
    [JsonPropertyName("party")] public required string Party { get; init; }
    [JsonPropertyName("amount"), Description(Money.Text)] public required decimal Amount { get; init; }
}

internal sealed record ResultUsage
{
    [JsonPropertyName("promotions")] public required IReadOnlyDictionary<string, PromotionUsage> Promotions { get; init; }
    [JsonPropertyName("coupons")] public required IReadOnlyDictionary<string, CouponUsage> Coupons { get; init; }
    [JsonPropertyName("codes"), Description("The applied codes, in cart order.")] public required IReadOnlyList<string> Codes { get; init; }
}

internal sealed record PromotionUsage
{
    [JsonPropertyName("uses")] public required long Uses { get; init; }
    [JsonPropertyName("units")] public long? Units { get; init; }
    [JsonPropertyName("spent"), Description(Money.Text)] public required decimal Spent { get; init; }
}

internal sealed record CouponUsage
{
    [JsonPropertyName("uses")] public required long Uses { get; init; }
    [JsonPropertyName("spent"), Description(Money.Text)] public required decimal Spent { get; init; }
}

// ---- returns (pricing spec §13) ------------------------------------------------------------------------------

[Description("POST /v1/returns: the order's result and the return to price against it.")]
internal sealed record ReturnRequest
{
    [JsonPropertyName("result"), Description("The result /v1/quote (or /v1/orders) gave for the order, unchanged.")] public required PricingResult Result { get; init; }
    [JsonPropertyName("returns")] public required Returns Returns { get; init; }
}

internal sealed record Returns
{
    [JsonPropertyName("previous"), Description("Units of each line returned before.")] public IReadOnlyList<ReturnLine>? Previous { get; init; }
    [JsonPropertyName("now"), Description("Units of each line returned now, non-empty.")] public required IReadOnlyList<ReturnLine> Now { get; init; }
}

internal sealed record ReturnLine
{
    [JsonPropertyName("line"), Description("A line id of the order.")] public required string Line { get; init; }
    [JsonPropertyName("quantity"), Description("Units, ≥ 1.")] public required long Quantity { get; init; }
}

[Description("The refund of a return (pricing spec §13).")]
internal sealed record ReturnResult
{
    [JsonPropertyName("ruleSet")] public required RuleSetRef RuleSet { get; init; }
    [JsonPropertyName("currency")] public required string Currency { get; init; }
    [JsonPropertyName("refund"), Description(Money.Text + "Cash to give back.")] public required decimal Refund { get; init; }
    [JsonPropertyName("pointsRestored")] public required long PointsRestored { get; init; }
    [JsonPropertyName("pointsValue"), Description(Money.Text)] public required decimal PointsValue { get; init; }
    [JsonPropertyName("pointsClawedBack"), Description("Earned points taken back.")] public required long PointsClawedBack { get; init; }
    [JsonPropertyName("lines")] public required IReadOnlyList<ReturnedLine> Lines { get; init; }
    [JsonPropertyName("funding"), Description("Each funder's reversed funding.")] public required IReadOnlyList<FundingAmount> Funding { get; init; }
    [JsonPropertyName("kept"), Description("What the order keeps after this return.")] public required KeptOrder Kept { get; init; }
    [JsonPropertyName("fullReturn")] public required bool FullReturn { get; init; }
    [JsonPropertyName("couponsRestored"), Description("Codes given back (full return).")] public required IReadOnlyList<string> CouponsRestored { get; init; }
    [JsonPropertyName("giftsReturned"), Description("Gifts to take back (full return).")] public required IReadOnlyList<ResultGift> GiftsReturned { get; init; }
    [JsonPropertyName("usageReleased"), Description("Usage given back to the ledger (full return), else null.")] public required ResultUsage? UsageReleased { get; init; }
}

internal sealed record ReturnedLine
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("returned")] public required long Returned { get; init; }
    [JsonPropertyName("refund"), Description(Money.Text)] public required decimal Refund { get; init; }
    [JsonPropertyName("pointsRestored")] public required long PointsRestored { get; init; }
    [JsonPropertyName("pointsValue"), Description(Money.Text)] public required decimal PointsValue { get; init; }
}

internal sealed record KeptOrder
{
    [JsonPropertyName("payable"), Description(Money.Text)] public required decimal Payable { get; init; }
    [JsonPropertyName("pointsUsed")] public required long PointsUsed { get; init; }
    [JsonPropertyName("pointsEarned")] public required long PointsEarned { get; init; }
}

// ---- orders on the redemption ledger (spec §12) -----------------------------------------------------------------

[Description("POST /v1/orders.")]
internal sealed record OrderRequest
{
    [JsonPropertyName("orderId"), Description("Chosen by the client, so that a retry is safe: 1–128 characters of letters, digits and - _ . : / @ #.")]
    public required string OrderId { get; init; }
    [JsonPropertyName("cart"), Description("The cart, without usage.")] public required Cart Cart { get; init; }
    [JsonPropertyName("expectedPayable"), Description(Money.Text + "The payable the shopper agreed to; another fresh payable is a 409 conflict.")]
    public decimal? ExpectedPayable { get; init; }
}

[Description("201: the order is reserved.")]
internal sealed record OrderReserved
{
    [JsonPropertyName("orderId")] public required string OrderId { get; init; }
    [JsonPropertyName("status"), Description("Always reserved.")] public required OrderStatus Status { get; init; }
    [JsonPropertyName("expiresAt"), Description("When the reservation ends unless committed.")] public required DateTimeOffset ExpiresAt { get; init; }
    [JsonPropertyName("result")] public required PricingResult Result { get; init; }
}

[Description("409: nothing reserved; the fresh quote and why.")]
internal sealed record OrderConflict
{
    [JsonPropertyName("orderId")] public required string OrderId { get; init; }
    [JsonPropertyName("status"), Description("Always conflict.")] public required string Status { get; init; }
    [JsonPropertyName("payableChanged")] public required bool PayableChanged { get; init; }
    [JsonPropertyName("expectedPayable"), Description(Money.Text)] public decimal? ExpectedPayable { get; init; }
    [JsonPropertyName("limits"), Description("The limits that would be exceeded (empty when only the payable changed).")] public required IReadOnlyList<ExceededLimit> Limits { get; init; }
    [JsonPropertyName("result"), Description("The fresh quote.")] public required PricingResult Result { get; init; }
}

internal sealed record ExceededLimit
{
    [JsonPropertyName("kind")] public required RuleKind Kind { get; init; }
    [JsonPropertyName("id"), Description("The promotion id, coupon id or code.")] public required string Id { get; init; }
    [JsonPropertyName("limit")] public required LimitName Limit { get; init; }
    [JsonPropertyName("maximum"), Description("A count, or money (major units) for a budget.")] public required decimal Maximum { get; init; }
    [JsonPropertyName("consumed")] public required decimal Consumed { get; init; }
    [JsonPropertyName("reserved")] public required decimal Reserved { get; init; }
    [JsonPropertyName("requested")] public required decimal Requested { get; init; }
    [JsonPropertyName("customerId")] public string? CustomerId { get; init; }
    [JsonPropertyName("message")] public required string Message { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<RuleKind>))]
internal enum RuleKind
{
    [JsonStringEnumMemberName("promotion")] Promotion,
    [JsonStringEnumMemberName("coupon")] Coupon,
    [JsonStringEnumMemberName("code")] Code,
}

[JsonConverter(typeof(JsonStringEnumConverter<LimitName>))]
internal enum LimitName
{
    [JsonStringEnumMemberName("uses")] Uses,
    [JsonStringEnumMemberName("usesPerCustomer")] UsesPerCustomer,
    [JsonStringEnumMemberName("units")] Units,
    [JsonStringEnumMemberName("unitsPerCustomer")] UnitsPerCustomer,
    [JsonStringEnumMemberName("budget")] Budget,
    [JsonStringEnumMemberName("usesPerCode")] UsesPerCode,
}

[JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))]
internal enum OrderStatus
{
    [JsonStringEnumMemberName("reserved")] Reserved,
    [JsonStringEnumMemberName("committed")] Committed,
    [JsonStringEnumMemberName("released")] Released,
    [JsonStringEnumMemberName("expired")] Expired,
    [JsonStringEnumMemberName("revoked")] Revoked,
}

[Description("An order's status after commit, release or cancel.")]
internal sealed record OrderTransition
{
    [JsonPropertyName("orderId")] public required string OrderId { get; init; }
    [JsonPropertyName("status")] public required OrderStatus Status { get; init; }
    [JsonPropertyName("repeated"), Description("Whether an earlier call already did it.")] public required bool Repeated { get; init; }
}

[Description("GET /v1/orders/{orderId}.")]
internal sealed record Order
{
    [JsonPropertyName("orderId")] public required string OrderId { get; init; }
    [JsonPropertyName("status")] public required OrderStatus Status { get; init; }
    [JsonPropertyName("customerId")] public string? CustomerId { get; init; }
    [JsonPropertyName("createdAt")] public required DateTimeOffset CreatedAt { get; init; }
    [JsonPropertyName("expiresAt")] public required DateTimeOffset ExpiresAt { get; init; }
    [JsonPropertyName("committedAt")] public DateTimeOffset? CommittedAt { get; init; }
    [JsonPropertyName("result")] public required PricingResult Result { get; init; }
    [JsonPropertyName("returns"), Description("Its returns so far, in order.")] public required IReadOnlyList<OrderReturnRecord> Returns { get; init; }
}

internal sealed record OrderReturnRecord
{
    [JsonPropertyName("returnId")] public required string ReturnId { get; init; }
    [JsonPropertyName("recordedAt")] public required DateTimeOffset RecordedAt { get; init; }
    [JsonPropertyName("now")] public required IReadOnlyList<ReturnLine> Now { get; init; }
    [JsonPropertyName("fullReturn")] public required bool FullReturn { get; init; }
    [JsonPropertyName("result")] public required ReturnResult Result { get; init; }
}

[Description("POST /v1/orders/{orderId}/returns.")]
internal sealed record OrderReturnRequest
{
    [JsonPropertyName("returnId"), Description("Chosen by the client, so that a retry is safe.")] public required string ReturnId { get; init; }
    [JsonPropertyName("now"), Description("Units of each line returned now.")] public required IReadOnlyList<ReturnLine> Now { get; init; }
}

// ---- rule sets, errors ----------------------------------------------------------------------------------------

[Description("A rule set (pricing spec §3; docs/rule-sets.md). Its JSON Schema is published with the package.")]
internal sealed record RuleSet
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("version")] public required string Version { get; init; }
    [JsonPropertyName("currency")] public required string Currency { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? Rest { get; init; }
}

[Description("RFC 7807 problem details; a refused input lists every error in `errors`.")]
internal sealed record Problem
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("title")] public required string Title { get; init; }
    [JsonPropertyName("status")] public required int Status { get; init; }
    [JsonPropertyName("detail")] public string? Detail { get; init; }
    [JsonPropertyName("instance")] public string? Instance { get; init; }
    [JsonPropertyName("errors"), Description("Every error found (400), or why the rule set could not be loaded (503).")]
    public IReadOnlyList<ProblemError>? Errors { get; init; }
    [JsonPropertyName("orderStatus"), Description("The order's status, when it does not allow the request (409).")] public OrderStatus? OrderStatus { get; init; }
    [JsonPropertyName("traceId")] public string? TraceId { get; init; }
}

internal sealed record ProblemError
{
    [JsonPropertyName("document"), Description("Which document: cart, rules, request, result or returns.")] public required string Document { get; init; }
    [JsonPropertyName("path"), Description("JSON path of the offending value, e.g. $.lines[0].quantity.")] public required string Path { get; init; }
    [JsonPropertyName("message"), Description("What is wrong, for people; the wording may change.")] public required string Message { get; init; }
    [JsonPropertyName("code"), Description("What is wrong, for programs: a stable code (docs/errors.md).")] public required string Code { get; init; }
}
