using System.Text.Json;

namespace PromoEngine.Returns;

/// <summary>
/// Prices a return (spec §13) from the original order's result alone, so a return gives the same refund
/// online and in store whatever the rule set is today, and any sequence of partial returns gives back,
/// to the minor unit, exactly what was paid.
/// </summary>
/// <remarks>
/// A line of quantity <c>q</c> with <c>k</c> units kept keeps <c>floor(x × k / q)</c> of each of its
/// <c>payable</c>, <c>pointsUsed</c>, <c>pointsValue</c> and each party's funding; the order keeps
/// <c>floor(earned × P_k / P)</c> points earned (<c>P</c> its payable, <c>P_k</c> the lines' kept payable;
/// 0 when <c>P</c> is 0). A return gives back the kept amounts before it (after <c>previous</c>) minus
/// those after it. All arithmetic is exact (128-bit products), so nothing overflows or rounds twice.
/// </remarks>
public static class ReturnPricing
{
    /// <summary>The document name of errors in the original result (all reported at <c>$</c>).</summary>
    public const string ResultDocument = "result";

    /// <summary>The document name of errors in the return request.</summary>
    public const string ReturnsDocument = "returns";

    /// <summary>Prices the return <paramref name="request"/> against the order priced as <paramref name="original"/>.</summary>
    /// <exception cref="PromoValidationException">
    /// The result breaks the §6 or §10 invariants (errors at <c>$</c> of <c>result</c>; the request is then not
    /// checked), or the request does not fit it (errors at their paths in <c>returns</c>: unknown line, a line
    /// twice in one list, a quantity below 1, more units than the line has, an empty <c>now</c>).
    /// </exception>
    public static ReturnResult Price(PricingResult original, ReturnRequest request)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(request);
        ThrowIfAny(CheckResult(original));
        var errors = new DocumentErrors(ReturnsDocument, everythingAtRoot: false);
        var raw = RawReturnRequest.From(request);
        if (raw.Now.Count == 0) errors.Add("$.now", ReturnErrors.NowEmpty);
        return Price(original, raw, errors);
    }

    /// <summary>Prices a return from JSON: a result document (spec §6, §10, §11) and a returns document (§13).</summary>
    /// <exception cref="PromoValidationException">Either document is malformed or invalid; the result is checked first.</exception>
    public static ReturnResult Price(string resultJson, string returnsJson)
    {
        ArgumentNullException.ThrowIfNull(resultJson);
        ArgumentNullException.ThrowIfNull(returnsJson);
        var original = Returns.ResultDocument.Read(resultJson);
        var errors = new DocumentErrors(ReturnsDocument, everythingAtRoot: false);
        var raw = ReturnRequestDocument.Read(returnsJson, errors);
        return Price(original, raw, errors);
    }

    /// <summary>Prices a return from a result document and a returns document already parsed (e.g. members of one request body).</summary>
    /// <exception cref="PromoValidationException">Either document is invalid; the result is checked first.</exception>
    public static ReturnResult Price(JsonElement result, JsonElement returns)
    {
        var original = Returns.ResultDocument.Read(result);
        var errors = new DocumentErrors(ReturnsDocument, everythingAtRoot: false);
        var raw = ReturnRequestDocument.Read(returns, errors);
        return Price(original, raw, errors);
    }

    /// <summary>Prices a return from JSON and writes the return result's JSON (money in major units).</summary>
    /// <exception cref="PromoValidationException">Either document is malformed or invalid; the result is checked first.</exception>
    public static string PriceJson(string resultJson, string returnsJson, bool indented = false) =>
        ReturnJson.Write(Price(resultJson, returnsJson), indented);

    /// <summary>
    /// The problems that keep a return from being priced against <paramref name="result"/>: its §6 and §10
    /// invariants, negative amounts, duplicate line ids or parties. Empty when it is fine. All at <c>$</c>.
    /// </summary>
    public static IReadOnlyList<ValidationError> CheckResult(PricingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var errors = new DocumentErrors(ResultDocument, everythingAtRoot: true);
        ResultChecks.Check(result, errors);
        return errors.Errors;
    }

    private static ReturnResult Price(PricingResult original, RawReturnRequest? raw, DocumentErrors errors)
    {
        var previous = new long[original.Lines.Count];
        var now = new long[original.Lines.Count];
        if (raw is not null)
        {
            var index = new Dictionary<string, int>(original.Lines.Count, StringComparer.Ordinal);
            for (int i = 0; i < original.Lines.Count; i++) index[original.Lines[i].Id] = i;
            int[] previousAt = Collect(original, index, raw.Previous, "$.previous", errors);
            int[] nowAt = Collect(original, index, raw.Now, "$.now", errors);
            for (int line = 0; line < original.Lines.Count; line++)
            {
                long q = original.Lines[line].Quantity;
                string id = original.Lines[line].Id;
                previous[line] = previousAt[line] >= 0 ? Math.Max(0, raw.Previous[previousAt[line]].Quantity ?? 0) : 0;
                now[line] = nowAt[line] >= 0 ? Math.Max(0, raw.Now[nowAt[line]].Quantity ?? 0) : 0;
                if (previous[line] > q)
                {
                    errors.Add($"$.previous[{previousAt[line]}].quantity", ReturnErrors.PreviousExceeds(id, q, previous[line]));
                }
                else if (now[line] > q - previous[line])
                {
                    errors.Add($"$.now[{nowAt[line]}].quantity", previous[line] == 0
                        ? ReturnErrors.NowExceeds(id, q, now[line])
                        : ReturnErrors.TogetherExceed(id, q, previous[line], now[line]));
                }
            }
        }
        ThrowIfAny(errors.Errors);
        return Compute(original, previous, now);
    }

    /// <summary>
    /// Where each line is listed in one list (−1: not listed); reports unknown lines, repeats (at the later
    /// listing) and quantities below 1.
    /// </summary>
    private static int[] Collect(PricingResult original, Dictionary<string, int> index, IReadOnlyList<RawReturnLine> entries, string list,
        DocumentErrors errors)
    {
        var at = new int[original.Lines.Count];
        Array.Fill(at, -1);
        for (int i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            string path = $"{list}[{i}]";
            if (entry.Quantity is { } q && q < 1) errors.Add($"{path}.quantity", Validation.ErrorCatalog.AtLeast(1, q));
            if (entry.Line is null) continue;
            if (!index.TryGetValue(entry.Line, out int line))
                errors.Add($"{path}.line", ReturnErrors.UnknownLine(entry.Line, original.Lines.Select(l => l.Id)));
            else if (at[line] >= 0)
                errors.Add($"{path}.line", ReturnErrors.LineTwice(entry.Line, $"{list}[{at[line]}]"));
            else
                at[line] = i;
        }
        return at;
    }

    /// <summary>The return of <paramref name="now"/> units per line after <paramref name="previous"/> units per line (both checked).</summary>
    private static ReturnResult Compute(PricingResult original, long[] previous, long[] now)
    {
        var lines = original.Lines;
        var returned = new List<ReturnLineResult>();
        var funding = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long keptBefore = 0, keptAfter = 0, pointsKept = 0, refund = 0, pointsRestored = 0, pointsValue = 0;
        bool full = true;
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            long q = line.Quantity, before = q - previous[i], after = before - now[i];
            long payableBefore = Kept(line.Payable, before, q), payableAfter = Kept(line.Payable, after, q);
            keptBefore += payableBefore;
            keptAfter += payableAfter;
            pointsKept += Kept(line.PointsUsed, after, q);
            full &= after == 0;
            if (now[i] == 0) continue;

            long lineRefund = payableBefore - payableAfter;
            long linePoints = Kept(line.PointsUsed, before, q) - Kept(line.PointsUsed, after, q);
            long lineValue = Kept(line.PointsValue, before, q) - Kept(line.PointsValue, after, q);
            returned.Add(new ReturnLineResult(line.Id, now[i], lineRefund, linePoints, lineValue));
            refund += lineRefund;
            pointsRestored += linePoints;
            pointsValue += lineValue;
            foreach (var share in line.Funding)
                funding[share.Party] = funding.GetValueOrDefault(share.Party) + Kept(share.Amount, before, q) - Kept(share.Amount, after, q);
        }

        long earnedBefore = KeptEarned(original, keptBefore), earnedAfter = KeptEarned(original, keptAfter);
        return new ReturnResult
        {
            RuleSet = original.RuleSet,
            Currency = original.Currency,
            MinorDigits = original.MinorDigits,
            Refund = refund,
            PointsRestored = pointsRestored,
            PointsValue = pointsValue,
            PointsClawedBack = earnedBefore - earnedAfter,
            Lines = returned,
            Funding = funding.Where(f => f.Value != 0).Select(f => new FundingAmount(f.Key, f.Value)).ToArray(),
            Kept = new KeptAmounts(keptAfter, pointsKept, earnedAfter),
            FullReturn = full,
            CouponsRestored = full ? original.Coupons.Where(c => c.Applied).Select(c => c.Code).ToArray() : [],
            GiftsReturned = full ? original.Gifts : [],
            UsageReleased = full ? original.Usage : null,
        };
    }

    /// <summary>floor(x × k / q) for 0 ≤ k ≤ q, x ≥ 0: the part of <paramref name="x"/> that <paramref name="k"/> of <paramref name="q"/> units keep.</summary>
    private static long Kept(long x, long k, long q) => k == q ? x : (long)((Int128)x * k / q);

    /// <summary>floor(earned × P_k / P); 0 when P is 0.</summary>
    private static long KeptEarned(PricingResult original, long keptPayable) =>
        original.Payable == 0 ? 0 : (long)((Int128)original.Points.Earned * keptPayable / original.Payable);

    private static void ThrowIfAny(IReadOnlyList<ValidationError> errors)
    {
        if (errors.Count > 0) throw new PromoValidationException(errors.ToArray());
    }
}
