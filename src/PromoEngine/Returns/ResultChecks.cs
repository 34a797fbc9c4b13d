using PromoEngine.Money;
using PromoEngine.Validation;
using C = PromoEngine.ErrorCodes;

namespace PromoEngine.Returns;

/// <summary>
/// Checks that a result is one a return can be priced from: the §6 invariants (sums, line amounts,
/// points), the §10 funding invariants (each line's funding covers its adjustments and points value,
/// the order's funding is the lines' sum per party and covers discount + points value), and what the
/// pass guarantees and the refund rules rely on: no negative amount, distinct line ids and parties, at
/// least one line, and no points earned on an order paid nothing in cash. Every problem is reported
/// at <c>$</c>, the place inside the result named in the message.
/// </summary>
internal static class ResultChecks
{
    public static void Check(PricingResult r, DocumentErrors errors, bool checkFunding = true)
    {
        void Fail(string path, string message, string code = C.BrokenResult) => errors.Add(path, new Problem(code, message));

        if (r.RuleSet is null || string.IsNullOrEmpty(r.RuleSet.Id) || string.IsNullOrEmpty(r.RuleSet.Version))
            Fail("$.ruleSet", "needs a non-empty id and version", C.Empty);
        if (string.IsNullOrEmpty(r.Currency)) Fail("$.currency", "must not be empty", C.Empty);
        int digits = r.MinorDigits;
        if (digits is < 0 or > Currencies.MaxMinorDigits)
        {
            Fail("$", $"minor digits must be from 0 to {Currencies.MaxMinorDigits}, got {digits}", C.OutOfRange);
            digits = 0;
        }
        else if (!string.IsNullOrEmpty(r.Currency) && Currencies.TryGetMinorDigits(r.Currency, out int known) && known != digits)
        {
            errors.Add("$", ErrorCatalog.MinorDigitsMismatch(r.Currency, known, digits));
        }
        string M(Int128 minor) => minor >= long.MinValue && minor <= long.MaxValue ? MinorUnits.Format((long)minor, digits) : minor.ToString();

        if (r.Points is null || r.Lines is null || r.Applied is null || r.Coupons is null || r.Gifts is null || r.Hints is null
            || r.Funding is null || r.Usage is null)
        {
            Fail("$", "points, lines, applied, coupons, gifts, hints, funding and usage must all be present", C.Required);
            return;
        }

        NotNegative(errors, "$.subtotal", r.Subtotal, M);
        NotNegative(errors, "$.discount", r.Discount, M);
        NotNegative(errors, "$.total", r.Total, M);
        NotNegative(errors, "$.payable", r.Payable, M);
        NotNegative(errors, "$.points.used", r.Points.Used, null);
        NotNegative(errors, "$.points.value", r.Points.Value, M);
        NotNegative(errors, "$.points.earned", r.Points.Earned, null);

        if (r.Lines.Count == 0) Fail("$.lines", "a result has at least one line");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        Int128 listAmounts = 0, adjustmentsAll = 0, amounts = 0, payables = 0, pointsUsed = 0, pointsValues = 0;
        var partyTotals = new SortedDictionary<string, Int128>(StringComparer.Ordinal);
        for (int i = 0; i < r.Lines.Count; i++)
        {
            string at = $"$.lines[{i}]";
            var line = r.Lines[i];
            if (line is null)
            {
                Fail(at, "must not be null", C.Required);
                continue;
            }
            if (string.IsNullOrEmpty(line.Id)) Fail($"{at}.id", "must not be empty", C.Empty);
            else if (!ids.Add(line.Id)) Fail($"{at}.id", $"line \"{line.Id}\" is listed twice", C.Duplicate);
            if (string.IsNullOrEmpty(line.Sku)) Fail($"{at}.sku", "must not be empty", C.Empty);
            if (line.Quantity < 1) errors.Add($"{at}.quantity", ErrorCatalog.AtLeast(1, line.Quantity));
            NotNegative(errors, $"{at}.listAmount", line.ListAmount, M);
            NotNegative(errors, $"{at}.amount", line.Amount, M);
            NotNegative(errors, $"{at}.pointsUsed", line.PointsUsed, null);
            NotNegative(errors, $"{at}.pointsValue", line.PointsValue, M);
            NotNegative(errors, $"{at}.payable", line.Payable, M);

            Int128 adjustments = 0;
            if (line.Adjustments is null)
            {
                Fail($"{at}.adjustments", "must be present", C.Required);
            }
            else
            {
                var sources = new HashSet<string>(StringComparer.Ordinal);
                for (int k = 0; k < line.Adjustments.Count; k++)
                {
                    var a = line.Adjustments[k];
                    string aat = $"{at}.adjustments[{k}]";
                    if (a is null) { Fail(aat, "must not be null", C.Required); continue; }
                    if (string.IsNullOrEmpty(a.Source)) Fail($"{aat}.source", "must not be empty", C.Empty);
                    else if (!sources.Add(a.Source)) Fail($"{aat}.source", $"a line has one adjustment per source; \"{a.Source}\" is listed twice", C.Duplicate);
                    NotNegative(errors, $"{aat}.amount", a.Amount, M);
                    adjustments += a.Amount;
                }
            }
            if (line.ListAmount - adjustments != line.Amount)
                Fail($"{at}.amount", $"{M(line.Amount)} is not listAmount {M(line.ListAmount)} − adjustments {M(adjustments)}");
            if ((Int128)line.Amount - line.PointsValue != line.Payable)
                Fail($"{at}.payable", $"{M(line.Payable)} is not amount {M(line.Amount)} − pointsValue {M(line.PointsValue)}");

            if (!checkFunding)
            {
            }
            else if (line.Funding is null)
            {
                Fail($"{at}.funding", "must be present (spec §10)", C.Required);
            }
            else
            {
                Int128 funded = CheckParties(errors, $"{at}.funding", line.Funding, M, partyTotals);
                if (funded != adjustments + line.PointsValue)
                    Fail($"{at}.funding", $"sums to {M(funded)}, not adjustments {M(adjustments)} + pointsValue {M(line.PointsValue)} (spec §10)");
            }

            listAmounts += line.ListAmount;
            adjustmentsAll += adjustments;
            amounts += line.Amount;
            payables += line.Payable;
            pointsUsed += line.PointsUsed;
            pointsValues += line.PointsValue;
        }

        if (r.Subtotal != listAmounts) Fail("$.subtotal", $"{M(r.Subtotal)} is not the lines' listAmount sum {M(listAmounts)}");
        if (r.Discount != adjustmentsAll) Fail("$.discount", $"{M(r.Discount)} is not the lines' adjustment sum {M(adjustmentsAll)}");
        if ((Int128)r.Subtotal - r.Discount != r.Total) Fail("$.total", $"{M(r.Total)} is not subtotal {M(r.Subtotal)} − discount {M(r.Discount)}");
        if (r.Total != amounts) Fail("$.total", $"{M(r.Total)} is not the lines' amount sum {M(amounts)}");
        if ((Int128)r.Total - r.Points.Value != r.Payable) Fail("$.payable", $"{M(r.Payable)} is not total {M(r.Total)} − points value {M(r.Points.Value)}");
        if (r.Payable != payables) Fail("$.payable", $"{M(r.Payable)} is not the lines' payable sum {M(payables)}");
        if (r.Points.Used != pointsUsed) Fail("$.points.used", $"{r.Points.Used} is not the lines' pointsUsed sum {pointsUsed}");
        if (r.Points.Value != pointsValues) Fail("$.points.value", $"{M(r.Points.Value)} is not the lines' pointsValue sum {M(pointsValues)}");
        if (r.Payable == 0 && r.Points.Earned != 0)
            Fail("$.points.earned", $"{r.Points.Earned} points earned on an order that paid nothing in cash");

        if (checkFunding) CheckOrderFunding(errors, r, partyTotals, M);
        CheckOthers(errors, r, M);
    }

    private static void CheckOrderFunding(DocumentErrors errors, PricingResult r, SortedDictionary<string, Int128> partyTotals, Func<Int128, string> M)
    {
        void Fail(string path, string message, string code = C.BrokenResult) => errors.Add(path, new Problem(code, message));
        var orderParties = new SortedDictionary<string, Int128>(StringComparer.Ordinal);
        Int128 orderFunded = CheckParties(errors, "$.funding", r.Funding, M, orderParties);
        foreach (var (party, amount) in partyTotals)
        {
            orderParties.TryGetValue(party, out Int128 stated);
            if (stated != amount) Fail("$.funding", $"{party}: {M(stated)} is not the lines' sum {M(amount)} (spec §10)");
        }
        foreach (var (party, stated) in orderParties)
            if (!partyTotals.ContainsKey(party) && stated != 0) Fail("$.funding", $"{party}: {M(stated)} is not the lines' sum 0 (spec §10)");
        if (orderFunded != (Int128)r.Discount + r.Points.Value)
            Fail("$.funding", $"sums to {M(orderFunded)}, not discount {M(r.Discount)} + points value {M(r.Points.Value)} (spec §10)");
    }

    private static void CheckOthers(DocumentErrors errors, PricingResult r, Func<Int128, string> M)
    {
        void Fail(string path, string message, string code = C.BrokenResult) => errors.Add(path, new Problem(code, message));

        for (int i = 0; i < r.Coupons.Count; i++)
        {
            var c = r.Coupons[i];
            string at = $"$.coupons[{i}]";
            if (c is null) { Fail(at, "must not be null", C.Required); continue; }
            if (string.IsNullOrEmpty(c.Code)) Fail($"{at}.code", "must not be empty", C.Empty);
            if (string.IsNullOrEmpty(c.CouponId)) Fail($"{at}.couponId", "must not be empty", C.Empty);
            if (c.Applied && c.Reason is not null) Fail($"{at}.reason", "an applied coupon has no reason", C.Conflicting);
            if (!c.Applied && c.Reason is null) Fail($"{at}.reason", "a rejected coupon needs a reason", C.Required);
            NotNegative(errors, $"{at}.amount", c.Amount, M);
        }
        for (int i = 0; i < r.Gifts.Count; i++)
        {
            var g = r.Gifts[i];
            if (g is null || string.IsNullOrEmpty(g.PromotionId) || string.IsNullOrEmpty(g.Sku) || g.Quantity < 1)
                Fail($"$.gifts[{i}]", "needs a promotionId, a sku and a quantity of at least 1");
        }
        if (r.Applied.Any(a => a is null)) Fail("$.applied", "must not hold null");
        if (r.Hints.Any(h => h is null)) Fail("$.hints", "must not hold null");
        CheckUsage(errors, r.Usage, M);
    }

    private static Int128 CheckParties(DocumentErrors errors, string at, IReadOnlyList<FundingAmount> funding, Func<Int128, string> m,
        SortedDictionary<string, Int128> totals)
    {
        Int128 sum = 0;
        string? previous = null;
        for (int k = 0; k < funding.Count; k++)
        {
            var f = funding[k];
            string fat = $"{at}[{k}]";
            if (f is null || string.IsNullOrEmpty(f.Party))
            {
                errors.Add($"{fat}.party", ErrorCatalog.PartyNotEmpty);
                continue;
            }
            if (previous is not null && string.CompareOrdinal(previous, f.Party) >= 0)
                errors.Add($"{fat}.party", string.Equals(previous, f.Party, StringComparison.Ordinal)
                    ? ErrorCatalog.DuplicateParty(f.Party)
                    : ReturnErrors.Broken($"parties come in ordinal order; \"{f.Party}\" comes after \"{previous}\""));
            previous = f.Party;
            NotNegative(errors, $"{fat}.amount", f.Amount, m);
            sum += f.Amount;
            totals[f.Party] = totals.GetValueOrDefault(f.Party) + f.Amount;
        }
        return sum;
    }

    private static void CheckUsage(DocumentErrors errors, UsageResult usage, Func<Int128, string> m)
    {
        if (usage.Promotions is null || usage.Coupons is null || usage.Codes is null)
        {
            errors.Add("$.usage", new Problem(C.Required, "needs promotions, coupons and codes"));
            return;
        }
        var promotions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in usage.Promotions)
        {
            if (p is null || string.IsNullOrEmpty(p.Id) || !promotions.Add(p.Id)) { errors.Add("$.usage.promotions", new Problem(C.Duplicate, "needs distinct, non-empty promotion ids")); continue; }
            string at = JsonFields.PathOf("$.usage.promotions", p.Id);
            NotNegative(errors, $"{at}.uses", p.Uses, null);
            if (p.Units is { } units) NotNegative(errors, $"{at}.units", units, null);
            NotNegative(errors, $"{at}.spent", p.Spent, m);
        }
        var coupons = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in usage.Coupons)
        {
            if (c is null || string.IsNullOrEmpty(c.CouponId) || !coupons.Add(c.CouponId)) { errors.Add("$.usage.coupons", new Problem(C.Duplicate, "needs distinct, non-empty coupon ids")); continue; }
            string at = JsonFields.PathOf("$.usage.coupons", c.CouponId);
            NotNegative(errors, $"{at}.uses", c.Uses, null);
            NotNegative(errors, $"{at}.spent", c.Spent, m);
        }
        if (usage.Codes.Any(string.IsNullOrEmpty)) errors.Add("$.usage.codes", ErrorCatalog.NotEmpty("a code"));
    }

    private static void NotNegative(DocumentErrors errors, string path, long value, Func<Int128, string>? money)
    {
        if (value < 0) errors.Add(path, new Problem(C.Negative, $"must not be negative, got {(money is null ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : money(value))}"));
    }
}
