using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PromoEngine.Redemption;
using PromoEngine.Returns;
using PromoEngine.Loading;

namespace PromoEngine.AspNetCore;

// Orders on the redemption ledger (spec §12): place (reserve), commit, release, cancel (revoke), read, return.
public static partial class PromoEngineEndpointRouteBuilderExtensions
{
    /// <summary>The document name of errors in an order or order-return request's envelope.</summary>
    public const string OrderRequestDocument = "request";

    private static readonly JsonDocumentOptions OrderBodyOptions = new() { MaxDepth = 64 };

    private static void MapOrders(RouteGroupBuilder group, string policy)
    {
        group.MapPost("/orders", PlaceOrderAsync)
            .WithName("PromoEngineOrder")
            .WithSummary("Place an order: price it with fresh usage and reserve what it consumes")
            .WithDescription("Body `{ \"orderId\", \"cart\", \"expectedPayable\"? }`. The cart is priced with the usage the redemption " +
                "ledger holds for its customer and codes, and what the result consumes is reserved, all or nothing: 201 " +
                "`{ orderId, status: \"reserved\", expiresAt, result }`. When a limit would be exceeded, or the fresh payable differs " +
                "from `expectedPayable`, 409 `{ status: \"conflict\", limits, result }` with the fresh quote and nothing reserved. " +
                "The same orderId and body answer the same; the same orderId with another body is 422. A cart with its own `usage` is 400 " +
                "at `$.usage`. A ledger that cannot be reached is 503.")
            .JsonBody<OpenApi.OrderRequest>()
            .Produces<OpenApi.OrderReserved>(StatusCodes.Status201Created, JsonContentType)
            .Produces<OpenApi.OrderConflict>(StatusCodes.Status409Conflict, JsonContentType)
            .Problems(StatusCodes.Status422UnprocessableEntity);

        MapTransition(group, policy, "commit", LedgerTransition.Commit, "Commit a reserved order: what it reserved becomes consumed (refused once expired or released).");
        MapTransition(group, policy, "release", LedgerTransition.Release, "Release a reserved order: what it reserved is free again.");
        MapTransition(group, policy, "cancel", LedgerTransition.Revoke, "Cancel a committed order: what it consumed is given back (revoke).");

        group.MapGet("/orders/{orderId}", GetOrderAsync)
            .WithName("PromoEngineGetOrder")
            .WithSummary("An order: status, result and returns so far")
            .RequireAuthorization(policy)
            .Produces<OpenApi.Order>(StatusCodes.Status200OK, JsonContentType)
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        group.MapPost("/orders/{orderId}/returns", ReturnOrderAsync)
            .WithName("PromoEngineOrderReturn")
            .WithSummary("Return units of a committed order")
            .WithDescription("Body `{ \"returnId\", \"now\": [{ \"line\", \"quantity\" }] }`. The return (pricing spec §13) is priced from the " +
                "order's stored result and its stored earlier returns, recorded, and answered; the same returnId and body answer the " +
                "same, another body is 422. A full return gives the order's usage back to the ledger.")
            .RequireAuthorization(policy)
            .JsonBody<OpenApi.OrderReturnRequest>()
            .Produces<OpenApi.ReturnResult>(StatusCodes.Status200OK, JsonContentType)
            .Problems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
    }

    private static void MapTransition(RouteGroupBuilder group, string policy, string action, LedgerTransition transition, string description) =>
        group.MapPost($"/orders/{{orderId}}/{action}", (HttpContext context, string orderId, LedgerAccess ledger, PromoEngineMetrics metrics) =>
                TransitionAsync(context, orderId, transition, ledger, metrics))
            .WithName("PromoEngineOrder" + char.ToUpperInvariant(action[0]) + action[1..])
            .WithSummary(description)
            .RequireAuthorization(policy)
            .Produces<OpenApi.OrderTransition>(StatusCodes.Status200OK, JsonContentType)
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    private static async Task<IResult> PlaceOrderAsync(HttpContext context, [FromServices] RuleSetManager manager,
        [FromServices] LedgerAccess ledger, [FromServices] IOptions<PromoEngineOptions> options, [FromServices] ILoggerFactory loggers,
        [FromServices] PromoEngineMetrics metrics)
    {
        var snapshot = manager.Current;
        if (snapshot is null) return NoRuleSet(context, manager);
        long limit = options.Value.MaxRequestBodySize;
        var body = await ReadBodyAsync(context, limit).ConfigureAwait(false);
        if (body is null) return TooLarge(context, limit);
        if (!ledger.Enabled) return NoLedger(context);
        using var activity = PromoEngineMetrics.Start("promoengine.order.place", "order");
        long started = Stopwatch.GetTimestamp();
        try
        {
            var flow = await ledger.GetFlowAsync(context.RequestAborted).ConfigureAwait(false);
            var engine = snapshot.Engine;
            string text = Utf8Document.Decode(body.Value.Span, OrderRequestDocument);
            var request = ReadOrderRequest(text, engine, flow.LimitsOf(engine), options.Value.MaxCouponCandidates);
            started = Stopwatch.GetTimestamp();
            var placed = await flow.PlaceAsync(engine, request, context.RequestAborted).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (placed.Result is { } priced) metrics.Priced("order", priced, request.Cart.Coupons?.Count ?? 0, elapsed);
            metrics.Ledger("place", placed.Status switch
            {
                PlacementStatus.Reserved => placed.Repeated ? "repeated" : "ok",
                PlacementStatus.Conflict => "conflict",
                _ => "reused",
            }, elapsed);
            int digits = flow.LimitsOf(engine).MinorDigits;
            return placed.Status switch
            {
                PlacementStatus.Reserved => Json(StatusCodes.Status201Created, w =>
                {
                    w.WriteString("orderId", placed.OrderId);
                    w.WriteString("status", "reserved");
                    w.WriteString("expiresAt", placed.ExpiresAt!.Value);
                    w.WritePropertyName("result");
                    w.WriteRawValue(placed.ResultJson, skipInputValidation: true);
                }),
                PlacementStatus.Conflict => Json(StatusCodes.Status409Conflict, w =>
                {
                    w.WriteString("orderId", placed.OrderId);
                    w.WriteString("status", "conflict");
                    w.WriteBoolean("payableChanged", placed.PayableChanged);
                    if (request.ExpectedPayable is { } expected) WriteMoney(w, "expectedPayable", expected, digits);
                    w.WriteStartArray("limits");
                    foreach (var exceeded in placed.Limits) WriteLimit(w, exceeded, digits);
                    w.WriteEndArray();
                    w.WritePropertyName("result");
                    w.WriteRawValue(placed.ResultJson, skipInputValidation: true);
                }),
                _ => Problem(context, StatusCodes.Status422UnprocessableEntity, "Order id already used",
                    $"Order '{placed.OrderId}' was placed with another request; an order id names one order only."),
            };
        }
        catch (PromoValidationException e)
        {
            metrics.Refused("order");
            return Invalid(context, "Invalid order", e.Errors);
        }
        catch (LedgerUnavailableException e)
        {
            metrics.Ledger("place", "unavailable", Stopwatch.GetElapsedTime(started));
            return LedgerDown(context, ledger, e, loggers);
        }
    }

    private static async Task<IResult> TransitionAsync(HttpContext context, string orderId, LedgerTransition transition, LedgerAccess ledger,
        PromoEngineMetrics metrics)
    {
        if (IdError("$.orderId", orderId, "orderId") is { } problem) return BadOrderId(context, problem);
        if (!ledger.Enabled) return NoLedger(context);
        string operation = LedgerOperation(transition);
        using var activity = PromoEngineMetrics.Start("promoengine.order." + operation);
        long started = Stopwatch.GetTimestamp();
        try
        {
            var flow = await ledger.GetFlowAsync(context.RequestAborted).ConfigureAwait(false);
            var outcome = transition switch
            {
                LedgerTransition.Commit => await flow.Ledger.CommitAsync(orderId, context.RequestAborted).ConfigureAwait(false),
                LedgerTransition.Release => await flow.Ledger.ReleaseAsync(orderId, context.RequestAborted).ConfigureAwait(false),
                _ => await flow.Ledger.RevokeAsync(orderId, context.RequestAborted).ConfigureAwait(false),
            };
            metrics.Ledger(operation, outcome.Status switch
            {
                TransitionStatus.NotFound => "not_found",
                TransitionStatus.Refused => "refused",
                TransitionStatus.AlreadyDone => "repeated",
                _ => "ok",
            }, Stopwatch.GetElapsedTime(started));
            return outcome.Status switch
            {
                TransitionStatus.NotFound => OrderNotFound(context, orderId),
                TransitionStatus.Refused => Problem(context, StatusCodes.Status409Conflict, "Not possible in the order's status",
                    $"Order '{orderId}' is {LedgerNames.Of(outcome.Current!.Value)}: it cannot be {Verb(transition)}.",
                    ("orderStatus", LedgerNames.Of(outcome.Current!.Value))),
                _ => Json(StatusCodes.Status200OK, w =>
                {
                    w.WriteString("orderId", orderId);
                    w.WriteString("status", LedgerNames.Of(outcome.Current!.Value));
                    w.WriteBoolean("repeated", outcome.Status == TransitionStatus.AlreadyDone);
                }),
            };
        }
        catch (LedgerUnavailableException e)
        {
            metrics.Ledger(operation, "unavailable", Stopwatch.GetElapsedTime(started));
            return LedgerDown(context, ledger, e, null);
        }
    }

    private static async Task<IResult> GetOrderAsync(HttpContext context, string orderId, [FromServices] LedgerAccess ledger,
        [FromServices] PromoEngineMetrics metrics)
    {
        if (IdError("$.orderId", orderId, "orderId") is { } problem) return BadOrderId(context, problem);
        if (!ledger.Enabled) return NoLedger(context);
        using var activity = PromoEngineMetrics.Start("promoengine.order.get");
        long started = Stopwatch.GetTimestamp();
        try
        {
            var flow = await ledger.GetFlowAsync(context.RequestAborted).ConfigureAwait(false);
            var order = await flow.Ledger.GetOrderAsync(orderId, context.RequestAborted).ConfigureAwait(false);
            metrics.Ledger("get", order is null ? "not_found" : "ok", Stopwatch.GetElapsedTime(started));
            if (order is null) return OrderNotFound(context, orderId);
            return Json(StatusCodes.Status200OK, w =>
            {
                w.WriteString("orderId", order.OrderId);
                w.WriteString("status", LedgerNames.Of(order.Status));
                if (order.CustomerId is not null) w.WriteString("customerId", order.CustomerId);
                w.WriteString("createdAt", order.CreatedAt);
                w.WriteString("expiresAt", order.ExpiresAt);
                if (order.CommittedAt is { } committed) w.WriteString("committedAt", committed);
                w.WritePropertyName("result");
                w.WriteRawValue(order.ResultJson, skipInputValidation: true);
                w.WriteStartArray("returns");
                foreach (var entry in order.Returns) WriteReturn(w, entry);
                w.WriteEndArray();
            });
        }
        catch (LedgerUnavailableException e)
        {
            metrics.Ledger("get", "unavailable", Stopwatch.GetElapsedTime(started));
            return LedgerDown(context, ledger, e, null);
        }
    }

    private static async Task<IResult> ReturnOrderAsync(HttpContext context, string orderId, [FromServices] LedgerAccess ledger,
        [FromServices] IOptions<PromoEngineOptions> options, [FromServices] ILoggerFactory loggers, [FromServices] PromoEngineMetrics metrics)
    {
        if (IdError("$.orderId", orderId, "orderId") is { } problem) return BadOrderId(context, problem);
        long limit = options.Value.MaxRequestBodySize;
        var body = await ReadBodyAsync(context, limit).ConfigureAwait(false);
        if (body is null) return TooLarge(context, limit);
        if (!ledger.Enabled) return NoLedger(context);
        using var activity = PromoEngineMetrics.Start("promoengine.order.return");
        long started = Stopwatch.GetTimestamp();
        try
        {
            var (returnId, now) = ReadOrderReturnRequest(Utf8Document.Decode(body.Value.Span, OrderRequestDocument));
            var flow = await ledger.GetFlowAsync(context.RequestAborted).ConfigureAwait(false);
            started = Stopwatch.GetTimestamp();
            var returned = await flow.Ledger.ReturnAsync(orderId, returnId, now, context.RequestAborted).ConfigureAwait(false);
            metrics.Ledger("return", returned.Status switch
            {
                ReturnStatus.Recorded => "ok",
                ReturnStatus.Repeated => "repeated",
                ReturnStatus.NotFound => "not_found",
                ReturnStatus.ReturnIdReused => "reused",
                _ => "refused",
            }, Stopwatch.GetElapsedTime(started));
            return returned.Status switch
            {
                ReturnStatus.Recorded or ReturnStatus.Repeated =>
                    TypedResults.Content(returned.Return!.ResultJson, JsonContentType, Encoding.UTF8, StatusCodes.Status200OK),
                ReturnStatus.NotFound => OrderNotFound(context, orderId),
                ReturnStatus.ReturnIdReused => Problem(context, StatusCodes.Status422UnprocessableEntity, "Return id already used",
                    $"Return '{returnId}' of order '{orderId}' was recorded with other lines; a return id names one return only."),
                _ => Problem(context, StatusCodes.Status409Conflict, "Order not committed",
                    $"Order '{orderId}' is {LedgerNames.Of(returned.OrderStatus!.Value)}: only a committed order can be returned.",
                    ("orderStatus", LedgerNames.Of(returned.OrderStatus!.Value))),
            };
        }
        catch (PromoValidationException e)
        {
            metrics.Refused("order_return");
            return Invalid(context, "Invalid return", e.Errors);
        }
        catch (LedgerUnavailableException e)
        {
            metrics.Ledger("return", "unavailable", Stopwatch.GetElapsedTime(started));
            return LedgerDown(context, ledger, e, loggers);
        }
    }

    /// <summary>Reads <c>{ orderId, cart, expectedPayable? }</c>; every envelope and cart error at once.</summary>
    private static OrderRequest ReadOrderRequest(string text, PricingEngine engine, LimitTable limits, int maxCoupons)
    {
        using var document = ParseEnvelope(text, "{ \"orderId\", \"cart\", \"expectedPayable\"? }");
        var errors = new List<ValidationError>();
        string? orderId = null;
        JsonElement? cart = null;
        long? expected = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            string path = EnvelopePath(property.Name);
            if (!seen.Add(property.Name))
            {
                errors.Add(new ValidationError(OrderRequestDocument, path, $"duplicate property '{property.Name}'", ErrorCodes.DuplicateProperty));
                continue;
            }
            switch (property.Name)
            {
                case "orderId":
                    orderId = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    if (IdError(path, orderId, "orderId") is { } problem) errors.Add(problem);
                    break;
                case "cart":
                    if (property.Value.ValueKind == JsonValueKind.Object) cart = property.Value;
                    else errors.Add(new ValidationError(OrderRequestDocument, path, "expected the cart, an object", ErrorCodes.ExpectedObject));
                    break;
                case "expectedPayable":
                    if (property.Value.ValueKind == JsonValueKind.Null) break;
                    if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDecimal(out var major) || major < 0)
                        errors.Add(new ValidationError(OrderRequestDocument, path, "expected an amount ≥ 0",
                            property.Value.ValueKind == JsonValueKind.Number ? ErrorCodes.Negative : ErrorCodes.ExpectedNumber));
                    else
                        try { expected = limits.ToMinor(major); }
                        catch (Exception e) when (e is ArgumentException or OverflowException)
                        {
                            errors.Add(new ValidationError(OrderRequestDocument, path, $"has more decimals than the currency allows ({limits.MinorDigits})", ErrorCodes.TooManyDecimals));
                        }
                    break;
                default:
                    errors.Add(new ValidationError(OrderRequestDocument, path, $"unknown property '{property.Name}'", ErrorCodes.UnknownProperty));
                    break;
            }
        }
        if (!seen.Contains("orderId")) errors.Add(new ValidationError(OrderRequestDocument, "$.orderId", "required: the order id the client chose", ErrorCodes.Required));
        if (!seen.Contains("cart")) errors.Add(new ValidationError(OrderRequestDocument, "$.cart", "required: the cart", ErrorCodes.Required));
        Definitions.CartDefinition? definition = null;
        if (cart is { } cartElement)
        {
            try
            {
                definition = LedgerCartReader.Read(engine, cartElement.GetRawText());
                PricingEngine.CheckCouponCount(definition, maxCoupons);
            }
            catch (PromoValidationException e)
            {
                errors.AddRange(e.Errors);
            }
        }
        if (errors.Count > 0 && definition is not null)
        {
            // Report the cart's meaning errors with the envelope's, all at once (pricing would find them later).
            try { engine.Price(definition); }
            catch (PromoValidationException e) { errors.AddRange(e.Errors); }
        }
        if (errors.Count > 0) throw new PromoValidationException(errors);
        return new OrderRequest(orderId!, definition!, expected, Fingerprints.OfJson(text));
    }

    /// <summary>Reads <c>{ returnId, now: [{ line, quantity }] }</c>; <c>now</c> is read by the returns library (errors at <c>$.now…</c>).</summary>
    private static (string ReturnId, IReadOnlyList<ReturnLine> Now) ReadOrderReturnRequest(string text)
    {
        using var document = ParseEnvelope(text, "{ \"returnId\", \"now\": [{ \"line\", \"quantity\" }] }");
        var errors = new List<ValidationError>();
        string? returnId = null;
        JsonElement? now = null;
        foreach (var property in document.RootElement.EnumerateObject())
        {
            string path = EnvelopePath(property.Name);
            switch (property.Name)
            {
                case "returnId" when returnId is null:
                    returnId = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? "" : "";
                    if (IdError(path, property.Value.ValueKind == JsonValueKind.String ? returnId : null, "returnId") is { } problem) errors.Add(problem);
                    break;
                case "now" when now is null:
                    now = property.Value;
                    break;
                case "returnId" or "now":
                    errors.Add(new ValidationError(OrderRequestDocument, path, $"duplicate property '{property.Name}'", ErrorCodes.DuplicateProperty));
                    break;
                default:
                    errors.Add(new ValidationError(OrderRequestDocument, path, $"unknown property '{property.Name}'", ErrorCodes.UnknownProperty));
                    break;
            }
        }
        if (returnId is null) errors.Add(new ValidationError(OrderRequestDocument, "$.returnId", "required: the return id the client chose", ErrorCodes.Required));
        IReadOnlyList<ReturnLine> lines = [];
        try
        {
            // The returns document is { "now": [...] }: its errors keep the body's paths ($.now[i].quantity).
            lines = ReturnRequestDocument.Read(now is { } n ? $"{{\"now\":{n.GetRawText()}}}" : "{}").Now;
        }
        catch (PromoValidationException e)
        {
            errors.AddRange(e.Errors);
        }
        if (errors.Count > 0) throw new PromoValidationException(errors);
        return (returnId!, lines);
    }

    private static JsonDocument ParseEnvelope(string text, string shape)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, OrderBodyOptions);
        }
        catch (JsonException e)
        {
            throw new PromoValidationException([new ValidationError(OrderRequestDocument, "$", $"malformed JSON: {e.Message}", ErrorCodes.MalformedJson)]);
        }
        if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
        document.Dispose();
        throw new PromoValidationException([new ValidationError(OrderRequestDocument, "$", $"expected an object {shape}", ErrorCodes.ExpectedObject)]);
    }

    private static void WriteLimit(Utf8JsonWriter w, ExceededLimit exceeded, int digits)
    {
        w.WriteStartObject();
        w.WriteString("kind", LedgerNames.Of(exceeded.Kind));
        w.WriteString("id", exceeded.Id);
        w.WriteString("limit", LedgerNames.Of(exceeded.Limit));
        // A budget is money: in major units like every amount of the API.
        bool money = exceeded.Limit == LimitKind.Budget;
        void Count(string name, long value)
        {
            if (money) WriteMoney(w, name, value, digits);
            else w.WriteNumber(name, value);
        }
        Count("maximum", exceeded.Maximum);
        Count("consumed", exceeded.Consumed);
        Count("reserved", exceeded.Reserved);
        Count("requested", exceeded.Requested);
        if (exceeded.CustomerId is not null) w.WriteString("customerId", exceeded.CustomerId);
        w.WriteString("message", exceeded.Message);
        w.WriteEndObject();
    }

    private static void WriteReturn(Utf8JsonWriter w, LedgerReturn entry)
    {
        w.WriteStartObject();
        w.WriteString("returnId", entry.ReturnId);
        w.WriteString("recordedAt", entry.RecordedAt);
        w.WriteStartArray("now");
        foreach (var line in entry.Lines)
        {
            w.WriteStartObject();
            w.WriteString("line", line.Line);
            w.WriteNumber("quantity", line.Quantity);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteBoolean("fullReturn", entry.FullReturn);
        w.WritePropertyName("result");
        w.WriteRawValue(entry.ResultJson, skipInputValidation: true);
        w.WriteEndObject();
    }

    private static void WriteMoney(Utf8JsonWriter w, string name, long minor, int digits)
    {
        w.WritePropertyName(name);
        decimal major = (decimal)minor / Money.Currencies.Pow10(digits);
        w.WriteRawValue(major.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), skipInputValidation: true);
    }

    private static IResult Json(int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return TypedResults.Content(Encoding.UTF8.GetString(buffer.WrittenSpan), JsonContentType, Encoding.UTF8, status);
    }

    private static ProblemHttpResult Problem(HttpContext context, int status, string title, string detail, params (string Name, object Value)[] extensions)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Instance = context.Request.Path };
        foreach (var (name, value) in extensions) problem.Extensions[name] = value;
        return TypedResults.Problem(problem);
    }

    private static ProblemHttpResult BadOrderId(HttpContext context, ValidationError problem) =>
        Invalid(context, "Invalid order id", [problem]);

    /// <summary>The error of an order or return id that the ledger would refuse, with its code; null when it is acceptable.</summary>
    private static ValidationError? IdError(string path, string? id, string what) =>
        LedgerIds.Problem(id, what) is not { } problem ? null
            : new ValidationError(OrderRequestDocument, path, problem,
                id is null ? ErrorCodes.ExpectedString : id.Length == 0 ? ErrorCodes.Empty : ErrorCodes.OutOfRange);

    private static ProblemHttpResult OrderNotFound(HttpContext context, string orderId) =>
        Problem(context, StatusCodes.Status404NotFound, "No such order", $"The ledger has no order '{orderId}'.");

    private static ProblemHttpResult NoLedger(HttpContext context) =>
        Problem(context, StatusCodes.Status503ServiceUnavailable, "No redemption ledger",
            "This service has no redemption ledger (PromoEngine:Ledger is none), so it takes no orders.");

    private static ProblemHttpResult LedgerDown(HttpContext context, LedgerAccess ledger, LedgerUnavailableException e, ILoggerFactory? loggers)
    {
        if (loggers is not null) LogLedgerDown(loggers.CreateLogger(typeof(PromoEngineEndpointRouteBuilderExtensions)), e.Message);
        return Problem(context, StatusCodes.Status503ServiceUnavailable, "Redemption ledger unavailable",
            $"The redemption ledger ({ledger.Description}) cannot be reached, so no price that depends on usage limits is given: {e.Message}");
    }

    private static string LedgerOperation(LedgerTransition transition) => transition switch
    {
        LedgerTransition.Commit => "commit",
        LedgerTransition.Release => "release",
        _ => "cancel",
    };

    private static string Verb(LedgerTransition transition) => transition switch
    {
        LedgerTransition.Commit => "committed",
        LedgerTransition.Release => "released",
        _ => "cancelled",
    };

    [LoggerMessage(EventId = 32, Level = LogLevel.Warning, Message = "Redemption ledger unavailable: {Reason}")]
    private static partial void LogLedgerDown(ILogger logger, string reason);
}
