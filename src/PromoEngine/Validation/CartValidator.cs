using PromoEngine.Compilation;
using PromoEngine.Definitions;
using PromoEngine.Money;
using PromoEngine.Pricing;

namespace PromoEngine.Validation;

/// <summary>
/// Checks a cart against spec §4 and a (valid) rule set, and takes it into minor units for the pass
/// (<see cref="PassCart"/>) in the same walk. Every error is collected and thrown together; paths are
/// built only for errors, so a valid cart costs no allocation. One per pricing context.
/// </summary>
internal sealed class CartValidator
{
    private readonly HashSet<string> _lineIds = new(StringComparer.Ordinal);
    private ErrorSink? _errors;
    private Action<string, string>? _reporter;

    /// <summary><see cref="Error"/> as a delegate, made once: validators call it on every cart.</summary>
    private Action<string, string> ReportError => _reporter ??= Error;

    /// <param name="cart">The cart.</param>
    /// <param name="rules">The rule set it is priced with.</param>
    /// <param name="into">Receives the cart in minor units.</param>
    /// <param name="readErrors">Errors found while reading the cart's JSON, reported together with the cart's own.</param>
    /// <exception cref="PromoValidationException">The cart is invalid.</exception>
    public void Validate(CartDefinition cart, CompiledRuleSet rules, PassCart into, ErrorSink? readErrors)
    {
        _errors = readErrors is { HasErrors: true } ? readErrors : null;
        into.Definition = cart;

        if (cart.Currency is null) Error("$.currency", "currency is required");
        else if (cart.Currency != rules.Currency) Error("$.currency", $"the cart is in {cart.Currency} but the rule set is in {rules.Currency}");

        int channelMask = 0;
        if (cart.Channel is null) Error("$.channel", "channel is required (\"online\" or \"store\")");
        else if (cart.Channel == "online") channelMask = Conditions.OnlineMask;
        else if (cart.Channel == "store") channelMask = Conditions.StoreMask;
        else Error("$.channel", $"unknown channel \"{cart.Channel}\"; expected \"online\" or \"store\"");

        if (cart.At is null) Error("$.at", "at is required: the engine never reads the clock");

        int tierRank = 0;
        long balance = 0;
        if (cart.Customer is { } customer)
        {
            if (customer.Id is null) Error("$.customer.id", "id is required");
            else if (customer.Id.Length == 0) Error("$.customer.id", "id must not be empty");
            if (customer.Tier is not null && !rules.TierRanks.TryGetValue(customer.Tier, out tierRank))
                Error("$.customer.tier", $"unknown tier \"{customer.Tier}\"");
            if (customer.Points < 0) Error("$.customer.points", $"must not be negative, got {customer.Points}");
            else balance = customer.Points ?? 0;
        }

        var lines = cart.Lines;
        int n = lines?.Count ?? 0;
        into.Reset(n);
        if (lines is null) Error("$.lines", "lines is required");
        else if (n == 0) Error("$.lines", "a cart needs at least one line");
        else ValidateLines(lines, rules, into);

        if (cart.Coupons is { } coupons)
        {
            for (int i = 0; i < coupons.Count; i++)
            {
                if (coupons[i] is not { } instance) continue;
                if (string.IsNullOrEmpty(instance.Code)) Error(JsonPath.Property(JsonPath.Index("$.coupons", i), "code"), "code is required");
                if (string.IsNullOrEmpty(instance.CouponId)) Error(JsonPath.Property(JsonPath.Index("$.coupons", i), "couponId"), "couponId is required");
            }
        }

        long requested = 0;
        if (cart.UsePoints is { } use)
        {
            if (use.Max) requested = balance;
            else if (use.Points < 0) Error("$.usePoints", $"must not be negative, got {use.Points}");
            else if (use.Points > balance)
                Error("$.usePoints", cart.Customer is null
                    ? $"a guest has no points to use (asked for {use.Points})"
                    : $"asks for {use.Points} points but the balance is {balance}");
            else requested = use.Points;
        }

        if (cart.Usage is { } usage) UsageValidator.Validate(usage, rules.MinorDigits, ReportError);

        var errors = _errors;
        _errors = null;
        errors?.ThrowIfAny();
        into.Facts = new CartFacts(cart.At!.Value.UtcTicks, channelMask, cart.StoreId, tierRank);
        into.HasCustomer = cart.Customer is not null;
        into.RequestedPoints = requested;
        into.RankIds();
    }

    private void ValidateLines(IReadOnlyList<CartLineDefinition> lines, CompiledRuleSet rules, PassCart into)
    {
        _lineIds.Clear();
        Int128 subtotal = 0;
        bool amountsKnown = true;
        int digits = rules.MinorDigits;
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            into.Lines[i] = line;
            if (line is null) { amountsKnown = false; continue; }
            bool ok = true;
            if (line.Id is null) ok = LineError(i, "id", "id is required");
            else if (line.Id.Length == 0) ok = LineError(i, "id", "id must not be empty");
            else if (!_lineIds.Add(line.Id)) ok = LineError(i, "id", $"duplicate line id \"{line.Id}\"");
            if (line.Sku is null) ok = LineError(i, "sku", "sku is required");
            else if (line.Sku.Length == 0) ok = LineError(i, "sku", "sku must not be empty");

            long unitPrice = 0;
            if (line.UnitPrice is not { } price) ok = LineError(i, "unitPrice", "unitPrice is required");
            else if (price < 0) ok = LineError(i, "unitPrice", $"must not be negative, got {price}");
            else if (!MinorUnits.HasAtMostDigits(price, digits)) ok = LineError(i, "unitPrice", $"{price} has more decimals than {rules.Currency} allows ({digits})");
            else if (!MinorUnits.TryFromMajor(price, digits, out unitPrice)) ok = LineError(i, "unitPrice", $"{price} is too large");

            long quantity = line.Quantity ?? 0;
            if (line.Quantity is null) ok = LineError(i, "quantity", "quantity is required");
            else if (quantity < 1) ok = LineError(i, "quantity", $"must be 1 or more, got {quantity}");

            if (ok)
            {
                Int128 amount = (Int128)unitPrice * quantity;
                if (amount > long.MaxValue) ok = LineError(i, "quantity", "unitPrice × quantity is too large");
                else
                {
                    subtotal += amount;
                    into.UnitPrice[i] = unitPrice;
                    into.Quantity[i] = quantity;
                    into.ListAmount[i] = (long)amount;
                }
            }
            amountsKnown &= ok;
        }
        if (amountsKnown && subtotal > long.MaxValue) Error("$.lines", "the subtotal is too large");
    }

    private bool LineError(int line, string property, string message)
    {
        Error(JsonPath.Property(JsonPath.Index("$.lines", line), property), message);
        return false;
    }

    private void Error(string path, string message) => (_errors ??= new ErrorSink(ValidationError.Cart)).Add(path, message);
}
