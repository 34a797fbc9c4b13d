using PromoEngine.Compilation;
using PromoEngine.Definitions;
using PromoEngine.Money;
using PromoEngine.Pricing;
using static PromoEngine.Validation.ErrorCatalog;

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
    private Action<string, Problem>? _reporter;

    /// <summary><see cref="Error"/> as a delegate, made once: validators call it on every cart.</summary>
    private Action<string, Problem> ReportError => _reporter ??= Error;

    /// <param name="cart">The cart.</param>
    /// <param name="rules">The rule set it is priced with.</param>
    /// <param name="into">Receives the cart in minor units.</param>
    /// <param name="readErrors">Errors found while reading the cart's JSON, reported together with the cart's own.</param>
    /// <exception cref="PromoValidationException">The cart is invalid.</exception>
    public void Validate(CartDefinition cart, CompiledRuleSet rules, PassCart into, ErrorSink? readErrors)
    {
        _errors = readErrors is { HasErrors: true } ? readErrors : null;
        into.Definition = cart;

        if (cart.Currency is null) Error("$.currency", Required("currency"));
        else if (cart.Currency != rules.Currency) Error("$.currency", CurrencyMismatch(cart.Currency, rules.Currency));

        int channelMask = 0;
        if (cart.Channel is null) Error("$.channel", ChannelRequired);
        else if (cart.Channel == "online") channelMask = Conditions.OnlineMask;
        else if (cart.Channel == "store") channelMask = Conditions.StoreMask;
        else Error("$.channel", UnknownChannel(cart.Channel));

        if (cart.At is null) Error("$.at", AtRequired);

        int tierRank = 0;
        long balance = 0;
        if (cart.Customer is { } customer)
        {
            if (customer.Id is null) Error("$.customer.id", Required("id"));
            else if (customer.Id.Length == 0) Error("$.customer.id", NotEmpty("id"));
            if (customer.Tier is not null && !rules.TierRanks.TryGetValue(customer.Tier, out tierRank))
                Error("$.customer.tier", UnknownTier(customer.Tier));
            if (customer.Points < 0) Error("$.customer.points", Negative(customer.Points.Value));
            else balance = customer.Points ?? 0;
        }

        var lines = cart.Lines;
        int n = lines?.Count ?? 0;
        into.Reset(n);
        if (lines is null) Error("$.lines", Required("lines"));
        else if (n == 0) Error("$.lines", NoLines);
        else ValidateLines(lines, rules, into);

        if (cart.Coupons is { } coupons)
        {
            for (int i = 0; i < coupons.Count; i++)
            {
                if (coupons[i] is not { } instance) continue;
                if (string.IsNullOrEmpty(instance.Code)) Error(JsonPath.Property(JsonPath.Index("$.coupons", i), "code"), Required("code"));
                if (string.IsNullOrEmpty(instance.CouponId)) Error(JsonPath.Property(JsonPath.Index("$.coupons", i), "couponId"), Required("couponId"));
            }
        }

        long requested = 0;
        if (cart.UsePoints is { } use)
        {
            if (use.Max) requested = balance;
            else if (use.Points < 0) Error("$.usePoints", Negative(use.Points));
            else if (use.Points > balance)
                Error("$.usePoints", cart.Customer is null
                    ? GuestHasNoPoints(use.Points)
                    : AboveBalance(use.Points, balance));
            else requested = use.Points;
        }

        if (cart.Usage is { } usage) UsageValidator.Report(usage, rules.MinorDigits, ReportError);

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
            if (line.Id is null) ok = LineError(i, "id", Required("id"));
            else if (line.Id.Length == 0) ok = LineError(i, "id", NotEmpty("id"));
            else if (!_lineIds.Add(line.Id)) ok = LineError(i, "id", DuplicateLineId(line.Id));
            if (line.Sku is null) ok = LineError(i, "sku", Required("sku"));
            else if (line.Sku.Length == 0) ok = LineError(i, "sku", NotEmpty("sku"));

            long unitPrice = 0;
            if (line.UnitPrice is not { } price) ok = LineError(i, "unitPrice", Required("unitPrice"));
            else if (price < 0) ok = LineError(i, "unitPrice", Negative(price));
            else if (!MinorUnits.HasAtMostDigits(price, digits)) ok = LineError(i, "unitPrice", TooManyDecimals(price, rules.Currency, digits));
            else if (!MinorUnits.TryFromMajor(price, digits, out unitPrice)) ok = LineError(i, "unitPrice", TooLarge(price));

            long quantity = line.Quantity ?? 0;
            if (line.Quantity is null) ok = LineError(i, "quantity", Required("quantity"));
            else if (quantity < 1) ok = LineError(i, "quantity", AtLeast(1, quantity));

            if (ok)
            {
                Int128 amount = (Int128)unitPrice * quantity;
                if (amount > long.MaxValue) ok = LineError(i, "quantity", LineAmountTooLarge);
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
        if (amountsKnown && subtotal > long.MaxValue) Error("$.lines", SubtotalTooLarge);
    }

    private bool LineError(int line, string property, Problem problem)
    {
        Error(JsonPath.Property(JsonPath.Index("$.lines", line), property), problem);
        return false;
    }

    private void Error(string path, Problem problem) => (_errors ??= new ErrorSink(ValidationError.Cart)).Add(path, problem);
}
