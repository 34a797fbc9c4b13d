using PromoEngine.Compilation;
using PromoEngine.Definitions;
using PromoEngine.Money;
using PromoEngine.Pricing;

namespace PromoEngine.Validation;

/// <summary>Checks a cart against spec §4 and the compiled rule set; turns it into minor units.</summary>
internal static class CartValidator
{
    public static PreparedCart? Validate(CartDefinition cart, CompiledRuleSet rules, ErrorSink errors)
    {
        const string root = JsonPath.Root;
        if (cart.Currency is null) errors.Add(P(root, "currency"), "currency is required");
        else if (cart.Currency != rules.Currency) errors.Add(P(root, "currency"), $"the cart is in {cart.Currency} but the rule set is in {rules.Currency}");

        int channelMask = 0;
        if (cart.Channel is null) errors.Add(P(root, "channel"), "channel is required (\"online\" or \"store\")");
        else if (cart.Channel == "online") channelMask = Conditions.OnlineMask;
        else if (cart.Channel == "store") channelMask = Conditions.StoreMask;
        else errors.Add(P(root, "channel"), $"unknown channel \"{cart.Channel}\"; expected \"online\" or \"store\"");

        if (cart.At is null) errors.Add(P(root, "at"), "at is required: the engine never reads the clock");

        int tierRank = 0;
        long balance = 0;
        if (cart.Customer is { } customer)
        {
            string customerPath = P(root, "customer");
            if (customer.Id is null) errors.Add(P(customerPath, "id"), "id is required");
            else if (customer.Id.Length == 0) errors.Add(P(customerPath, "id"), "id must not be empty");
            if (customer.Tier is not null && !rules.TierRanks.TryGetValue(customer.Tier, out tierRank))
                errors.Add(P(customerPath, "tier"), $"unknown tier \"{customer.Tier}\"");
            if (customer.Points < 0) errors.Add(P(customerPath, "points"), $"must not be negative, got {customer.Points}");
            else balance = customer.Points ?? 0;
        }

        var lines = new List<PreparedLine>();
        string linesPath = P(root, "lines");
        if (cart.Lines is null) errors.Add(linesPath, "lines is required");
        else if (cart.Lines.Count == 0) errors.Add(linesPath, "a cart needs at least one line");
        else
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            Int128 subtotal = 0;
            bool amountsKnown = true;
            for (int i = 0; i < cart.Lines.Count; i++)
            {
                if (cart.Lines[i] is not { } line) { amountsKnown = false; continue; }
                string linePath = JsonPath.Index(linesPath, i);
                bool ok = true;
                if (line.Id is null) { errors.Add(P(linePath, "id"), "id is required"); ok = false; }
                else if (line.Id.Length == 0) { errors.Add(P(linePath, "id"), "id must not be empty"); ok = false; }
                else if (!ids.Add(line.Id)) { errors.Add(P(linePath, "id"), $"duplicate line id \"{line.Id}\""); ok = false; }
                if (line.Sku is null) { errors.Add(P(linePath, "sku"), "sku is required"); ok = false; }
                else if (line.Sku.Length == 0) { errors.Add(P(linePath, "sku"), "sku must not be empty"); ok = false; }
                long unitPrice = 0;
                string pricePath = P(linePath, "unitPrice");
                if (line.UnitPrice is not { } price) { errors.Add(pricePath, "unitPrice is required"); ok = false; }
                else if (price < 0) { errors.Add(pricePath, $"must not be negative, got {price}"); ok = false; }
                else if (!MinorUnits.HasAtMostDigits(price, rules.MinorDigits)) { errors.Add(pricePath, $"{price} has more decimals than {rules.Currency} allows ({rules.MinorDigits})"); ok = false; }
                else if (!MinorUnits.TryFromMajor(price, rules.MinorDigits, out unitPrice)) { errors.Add(pricePath, $"{price} is too large"); ok = false; }
                string quantityPath = P(linePath, "quantity");
                if (line.Quantity is not { } quantity) { errors.Add(quantityPath, "quantity is required"); ok = false; quantity = 0; }
                else if (quantity < 1) { errors.Add(quantityPath, $"must be 1 or more, got {quantity}"); ok = false; }
                long listAmount = 0;
                if (ok)
                {
                    Int128 amount = (Int128)unitPrice * quantity;
                    if (amount > long.MaxValue) { errors.Add(quantityPath, "unitPrice × quantity is too large"); ok = false; }
                    else { listAmount = (long)amount; subtotal += amount; }
                }
                amountsKnown &= ok;
                if (ok)
                    lines.Add(new PreparedLine(i, line.Id!, line.Sku!, unitPrice, line.Quantity!.Value, listAmount,
                        line.Categories ?? [], line.Brand, line.Tags ?? []));
            }
            if (amountsKnown && subtotal > long.MaxValue) errors.Add(linesPath, "the subtotal is too large");
        }

        var coupons = new List<CouponInstanceDefinition>();
        if (cart.Coupons is { } instances)
        {
            string couponsPath = P(root, "coupons");
            for (int i = 0; i < instances.Count; i++)
            {
                if (instances[i] is not { } instance) continue;
                string couponPath = JsonPath.Index(couponsPath, i);
                bool ok = true;
                if (string.IsNullOrEmpty(instance.Code)) { errors.Add(P(couponPath, "code"), "code is required"); ok = false; }
                if (string.IsNullOrEmpty(instance.CouponId)) { errors.Add(P(couponPath, "couponId"), "couponId is required"); ok = false; }
                if (ok) coupons.Add(instance);
            }
        }

        long requested = 0;
        if (cart.UsePoints is { } use)
        {
            string usePath = P(root, "usePoints");
            if (use.Max) requested = balance;
            else if (use.Points < 0) errors.Add(usePath, $"must not be negative, got {use.Points}");
            else if (use.Points > balance)
                errors.Add(usePath, cart.Customer is null
                    ? $"a guest has no points to use (asked for {use.Points})"
                    : $"asks for {use.Points} points but the balance is {balance}");
            else requested = use.Points;
        }

        if (errors.HasErrors) return null;
        var facts = new CartFacts(cart.At!.Value.UtcTicks, channelMask, cart.StoreId, tierRank);
        return new PreparedCart(facts, cart.Customer is not null, lines.ToArray(), coupons.ToArray(), requested);
    }

    private static string P(string parent, string name) => JsonPath.Property(parent, name);
}
