using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using System.Text.Json.Nodes;
using PromoEngine.Returns;
using PromoEngine.Tests.Properties;
using PromoEngine.Tests.Reference;

namespace PromoEngine.Tests.Returns;

/// <summary>
/// §13 over generated results — synthetic ones (any shape, amounts up to the 64-bit limit) and the
/// engine's own results for random rule sets and carts — and random sequences of returns.
/// </summary>
public sealed class ReturnProperties
{
    /// <summary>Even seeds: a synthetic result; odd seeds: the engine's result for a random cart.</summary>
    private static PricingResult Original(int seed)
    {
        if (seed % 2 == 0) return SyntheticResults.Generate(seed);
        var (rules, cart) = RandomRuleSets.Generate(seed);
        return PricingEngine.FromJson(rules.ToJsonString()).Price(PricingEngine.ReadCart(cart.ToJsonString()));
    }

    /// <summary>Units per line for each step: random partial returns, the last step taking everything left.</summary>
    private static List<long[]> Steps(PricingResult original, Random r)
    {
        int n = original.Lines.Count;
        var left = original.Lines.Select(l => l.Quantity).ToArray();
        var steps = new List<long[]>();
        int partials = r.Next(0, 5);
        for (int s = 0; s < partials; s++)
        {
            var step = new long[n];
            for (int i = 0; i < n; i++)
                if (left[i] > 1 && r.Next(2) == 0) step[i] = r.NextInt64(1, left[i]); // leaves at least one unit of the line
            if (step.All(u => u == 0)) continue;
            for (int i = 0; i < n; i++) left[i] -= step[i];
            steps.Add(step);
        }
        steps.Add(left);
        return steps;
    }

    private static ReturnRequest Request(PricingResult original, long[] before, long[] now)
    {
        ReturnLine[] Entries(long[] units) =>
            Enumerable.Range(0, units.Length).Where(i => units[i] > 0).Select(i => new ReturnLine(original.Lines[i].Id, units[i])).ToArray();
        return new ReturnRequest(Entries(before), Entries(now));
    }

    [Property(MaxTest = 300)]
    public Property Partial_returns_ending_in_a_full_return_give_back_exactly_what_was_paid(NonNegativeInt seed)
    {
        var original = Original(seed.Get);
        var steps = Steps(original, new Random(seed.Get));
        var returned = new long[original.Lines.Count];
        BigInteger refund = 0, points = 0, value = 0, clawed = 0;
        var funding = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        bool nonNegative = true, fullOnlyAtTheEnd = true, restoresOnlyAtTheEnd = true;
        for (int s = 0; s < steps.Count; s++)
        {
            var r = ReturnPricing.Price(original, Request(original, returned, steps[s]));
            for (int i = 0; i < returned.Length; i++) returned[i] += steps[s][i];
            refund += r.Refund;
            points += r.PointsRestored;
            value += r.PointsValue;
            clawed += r.PointsClawedBack;
            foreach (var f in r.Funding) funding[f.Party] = funding.GetValueOrDefault(f.Party) + f.Amount;
            nonNegative &= r.Refund >= 0 && r.PointsRestored >= 0 && r.PointsValue >= 0 && r.PointsClawedBack >= 0
                && r.Funding.All(f => f.Amount > 0) && r.Lines.All(l => l.Refund >= 0 && l.PointsRestored >= 0 && l.PointsValue >= 0)
                && r.Kept.Payable >= 0 && r.Kept.PointsUsed >= 0 && r.Kept.PointsEarned >= 0;
            bool last = s == steps.Count - 1;
            fullOnlyAtTheEnd &= r.FullReturn == last;
            restoresOnlyAtTheEnd &= last
                ? r.CouponsRestored.SequenceEqual(original.Coupons.Where(c => c.Applied).Select(c => c.Code)) && ReferenceEquals(r.UsageReleased, original.Usage)
                    && r.Kept == new KeptAmounts(0, 0, 0)
                : r.CouponsRestored.Count == 0 && r.GiftsReturned.Count == 0 && r.UsageReleased is null;
        }
        var expectedFunding = original.Funding.Where(f => f.Amount != 0).ToDictionary(f => f.Party, f => (BigInteger)f.Amount, StringComparer.Ordinal);
        bool fundingBack = funding.Count == expectedFunding.Count && funding.All(f => expectedFunding.TryGetValue(f.Key, out var a) && a == f.Value);
        string label = $"seed {seed.Get}, {steps.Count} steps";
        return (refund == original.Payable).Label($"{label}: refunds {refund} sum to payable {original.Payable}")
            .And((points == original.Points.Used).Label($"{label}: points restored {points} sum to points used {original.Points.Used}"))
            .And((value == original.Points.Value).Label($"{label}: points values {value} sum to points value {original.Points.Value}"))
            .And((clawed == original.Points.Earned).Label($"{label}: clawed back {clawed} sums to earned {original.Points.Earned}"))
            .And(fundingBack.Label($"{label}: each party's reversed funding sums to its funding"))
            .And(nonNegative.Label($"{label}: nothing negative"))
            .And(fullOnlyAtTheEnd.Label($"{label}: only the last step is a full return"))
            .And(restoresOnlyAtTheEnd.Label($"{label}: coupons, gifts and usage come back with the full return only"));
    }

    [Property(MaxTest = 300)]
    public Property One_step_equals_several_steps_that_end_in_the_same_kept_state(NonNegativeInt seed)
    {
        var original = Original(seed.Get);
        var r = new Random(seed.Get ^ 0x5eed);
        int n = original.Lines.Count;
        var start = new long[n];
        var middle = new long[n];
        var end = new long[n];
        for (int i = 0; i < n; i++)
        {
            long q = original.Lines[i].Quantity;
            var cut = new[] { r.NextInt64(0, q + 1), r.NextInt64(0, q + 1), r.NextInt64(0, q + 1) }.Order().ToArray();
            (start[i], middle[i], end[i]) = (cut[0], cut[1], cut[2]);
        }
        if (end.SequenceEqual(start)) end[0] = start[0] < original.Lines[0].Quantity ? start[0] + 1 : start[0];
        if (end.SequenceEqual(start)) return true.ToProperty(); // nothing left to return from this start
        long[] Minus(long[] a, long[] b) => a.Zip(b, (x, y) => x - y).ToArray();

        var once = ReturnPricing.Price(original, Request(original, start, Minus(end, start)));
        var parts = new List<ReturnResult>();
        if (!middle.SequenceEqual(start)) parts.Add(ReturnPricing.Price(original, Request(original, start, Minus(middle, start))));
        if (!end.SequenceEqual(middle)) parts.Add(ReturnPricing.Price(original, Request(original, middle, Minus(end, middle))));

        var lineSums = parts.SelectMany(p => p.Lines).GroupBy(l => l.Id)
            .ToDictionary(g => g.Key, g => (Returned: g.Sum(l => l.Returned), Refund: g.Sum(l => l.Refund), Points: g.Sum(l => l.PointsRestored), Value: g.Sum(l => l.PointsValue)));
        bool linesAgree = once.Lines.All(l => lineSums.TryGetValue(l.Id, out var s) && s == (l.Returned, l.Refund, l.PointsRestored, l.PointsValue))
            && lineSums.Count == once.Lines.Count;
        var fundingSums = parts.SelectMany(p => p.Funding).GroupBy(f => f.Party).ToDictionary(g => g.Key, g => g.Sum(f => f.Amount));
        bool fundingAgrees = once.Funding.Count == fundingSums.Count && once.Funding.All(f => fundingSums.GetValueOrDefault(f.Party) == f.Amount);
        return (once.Refund == parts.Sum(p => p.Refund)).Label($"seed {seed.Get}: refund")
            .And((once.PointsRestored == parts.Sum(p => p.PointsRestored)).Label("points restored"))
            .And((once.PointsValue == parts.Sum(p => p.PointsValue)).Label("points value"))
            .And((once.PointsClawedBack == parts.Sum(p => p.PointsClawedBack)).Label("points clawed back"))
            .And(linesAgree.Label("lines"))
            .And(fundingAgrees.Label("funding"))
            .And((once.Kept == parts[^1].Kept && once.FullReturn == parts[^1].FullReturn).Label("kept state"));
    }

    [Property(MaxTest = 400)]
    public Property Agrees_with_a_direct_transcription_of_section_13(NonNegativeInt seed)
    {
        var original = Original(seed.Get);
        var r = new Random(seed.Get ^ 0x13);
        int n = original.Lines.Count;
        var previous = new long[n];
        var now = new long[n];
        for (int i = 0; i < n; i++)
        {
            long q = original.Lines[i].Quantity;
            previous[i] = r.Next(3) == 0 ? r.NextInt64(0, q + 1) : 0;
            now[i] = r.Next(2) == 0 ? r.NextInt64(0, q - previous[i] + 1) : 0;
        }
        if (now.All(u => u == 0))
        {
            int i = r.Next(n);
            if (previous[i] == original.Lines[i].Quantity) previous[i]--;
            now[i] = original.Lines[i].Quantity - previous[i];
        }
        var actual = ReturnPricing.Price(original, Request(original, previous, now));
        var expected = Section13.Return(original, previous, now);
        string a = ReturnJson.Write(actual), e = ReturnJson.Write(expected);
        return (a == e).Label($"seed {seed.Get}:\nexpected {e}\nactual   {a}");
    }

    [Property(MaxTest = 200)]
    public Property Json_in_and_out_agrees_with_the_typed_call(NonNegativeInt seed)
    {
        var original = Original(seed.Get);
        var r = new Random(seed.Get);
        var steps = Steps(original, r);
        var before = new long[original.Lines.Count];
        var request = Request(original, before, steps[0]);
        string resultJson = PromoEngine.Results.ResultJson.Write(original, indented: r.Next(2) == 0);
        string returnsJson = System.Text.Json.JsonSerializer.Serialize(new
        {
            now = request.Now.Select(l => new { line = l.Line, quantity = l.Quantity }),
        });
        string typed = ReturnJson.Write(ReturnPricing.Price(original, request));
        string json = ReturnPricing.PriceJson(resultJson, returnsJson);
        return (typed == json).Label($"seed {seed.Get}:\ntyped {typed}\njson  {json}");
    }
    [Property(MaxTest = 400)]
    public Property Mutated_results_and_returns_are_priced_or_refused_with_located_errors_never_crash(NonNegativeInt seed)
    {
        var original = Original(seed.Get);
        var random = new Random(seed.Get ^ 0xbad);
        var result = JsonNode.Parse(PromoEngine.Results.ResultJson.Write(original))!;
        var returns = new JsonObject
        {
            ["previous"] = new JsonArray(),
            ["now"] = new JsonArray(original.Lines.Take(2).Select(l => (JsonNode)new JsonObject { ["line"] = l.Id, ["quantity"] = 1 }).ToArray()),
        };
        int mutations = random.Next(1, 4);
        for (int m = 0; m < mutations; m++) RobustnessProperties.Mutate(random.Next(3) == 0 ? returns : result, random);
        try
        {
            var r = ReturnPricing.Price(result.ToJsonString(), returns.ToJsonString());
            bool sound = r.Refund >= 0 && r.PointsRestored >= 0 && r.PointsClawedBack >= 0 && r.Funding.All(f => f.Amount > 0);
            return sound.Label($"seed {seed.Get}: a negative amount in {ReturnJson.Write(r)}");
        }
        catch (PromoValidationException e)
        {
            bool located = e.Errors.Count > 0 && e.Errors.All(x => x.Path.StartsWith('$') && x.Message.Length > 0
                && (x.Document == ReturnPricing.ReturnsDocument || (x.Document == ReturnPricing.ResultDocument && x.Path == "$")));
            return located.Label($"seed {seed.Get}: {string.Join("; ", e.Errors)}");
        }
        catch (Exception e)
        {
            return false.Label($"seed {seed.Get}: {e.GetType().Name}: {e.Message}\nresult: {result.ToJsonString()}\nreturns: {returns.ToJsonString()}");
        }
    }
}

/// <summary>
/// §13 written down as directly as possible, in arbitrary-precision integers: a check on the library,
/// not a second implementation to maintain.
/// </summary>
internal static class Section13
{
    public static ReturnResult Return(PricingResult o, long[] previous, long[] now)
    {
        // "For a line of quantity q of which k units are kept, its kept amounts are floor(x × k / q)."
        static BigInteger Kept(long x, long k, long q) => BigInteger.Divide((BigInteger)x * k, q);

        BigInteger KeptPayable(long[] returned) =>
            o.Lines.Select((l, i) => Kept(l.Payable, l.Quantity - returned[i], l.Quantity)).Aggregate(BigInteger.Zero, BigInteger.Add);

        // "The order's kept points earned are floor(earned × P_k / P) (0 when P is 0)."
        BigInteger KeptEarned(long[] returned) => o.Payable == 0 ? 0 : BigInteger.Divide(o.Points.Earned * KeptPayable(returned), o.Payable);

        var after = previous.Zip(now, (p, n) => p + n).ToArray();
        var lines = new List<ReturnLineResult>();
        var funding = new SortedDictionary<string, BigInteger>(StringComparer.Ordinal);
        for (int i = 0; i < o.Lines.Count; i++)
        {
            if (now[i] == 0) continue;
            var l = o.Lines[i];
            long k0 = l.Quantity - previous[i], k1 = l.Quantity - after[i];
            BigInteger Back(long x) => Kept(x, k0, l.Quantity) - Kept(x, k1, l.Quantity);
            lines.Add(new ReturnLineResult(l.Id, now[i], (long)Back(l.Payable), (long)Back(l.PointsUsed), (long)Back(l.PointsValue)));
            foreach (var f in l.Funding) funding[f.Party] = funding.GetValueOrDefault(f.Party) + Back(f.Amount);
        }
        bool full = o.Lines.Select((l, i) => l.Quantity - after[i]).All(k => k == 0);
        return new ReturnResult
        {
            RuleSet = o.RuleSet,
            Currency = o.Currency,
            MinorDigits = o.MinorDigits,
            Refund = lines.Sum(l => l.Refund),
            PointsRestored = lines.Sum(l => l.PointsRestored),
            PointsValue = lines.Sum(l => l.PointsValue),
            PointsClawedBack = (long)(KeptEarned(previous) - KeptEarned(after)),
            Lines = lines,
            Funding = funding.Where(f => f.Value != 0).Select(f => new FundingAmount(f.Key, (long)f.Value)).ToArray(),
            Kept = new KeptAmounts((long)KeptPayable(after),
                (long)o.Lines.Select((l, i) => Kept(l.PointsUsed, l.Quantity - after[i], l.Quantity)).Aggregate(BigInteger.Zero, BigInteger.Add),
                (long)KeptEarned(after)),
            FullReturn = full,
            CouponsRestored = full ? o.Coupons.Where(c => c.Applied).Select(c => c.Code).ToArray() : [],
            GiftsReturned = full ? o.Gifts : [],
            UsageReleased = full ? o.Usage : null,
        };
    }
}
