using System.Diagnostics;
using System.Text;
using System.Text.Json;
using PromoEngine.Json;
using PromoEngine.Results;
using PromoEngine.Tests.Reference;
using Xunit.Abstractions;

namespace PromoEngine.Parity.Tests;

/// <summary>
/// Issue #4, parity: a basket priced online (<c>POST /v1/quote</c> of the AspNetCore adapter) and the same basket
/// rung up at a till (<see cref="PromoEngine.Pos.TillSession"/>) cost the same, to the minor unit on every line.
/// Generated rule sets and baskets (seeded, so every run prices the same ones) are rung up at a till; the cart
/// the till priced is then sent to a server serving the same rule set, and its response must be byte for byte
/// the till's result as <see cref="ResultJson"/> writes it.
/// </summary>
public sealed class HttpTillParityTests(ITestOutputHelper output)
{
    private const int RuleSets = 25;
    private const int BasketsPerRuleSet = 12;
    private const int FirstRuleSeed = 4401;
    private const int MaxReported = 25;

    [Fact]
    public async Task Http_quote_and_till_price_generated_baskets_identically()
    {
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        var stats = new Stats();

        var rulesets = Enumerable.Range(FirstRuleSeed, RuleSets).Select(seed => (Seed: seed, Pair: RandomRuleSets.Generate(seed))).ToList();
        await using var server = await QuoteServer.StartAsync(rulesets[0].Pair.Rules.ToJsonString());

        foreach (var (seed, (rules, ownCart)) in rulesets)
        {
            string rulesJson = rules.ToJsonString();
            await server.UseRulesAsync(rulesJson);
            var engine = PricingEngine.FromJson(rulesJson);

            foreach (var basket in TillBaskets.For(seed, rules, ownCart, BasketsPerRuleSet))
            {
                var rung = TillBaskets.RingUp(engine, basket);
                var session = rung.Session;
                var result = session.Result ?? throw new InvalidOperationException($"{basket.Label}: the till priced nothing");
                string cartJson = DefinitionJson.Write(session.Cart!);

                var (status, body) = await server.QuoteAsync(cartJson);
                stats.Add(rung, result);
                if (status != 200)
                {
                    failures.Add($"{basket.Label}: POST /v1/quote answered {status}: {Encoding.UTF8.GetString(body)}\n  cart: {cartJson}");
                    continue;
                }
                var problems = CompareLines(result, body);
                byte[] expected = Encoding.UTF8.GetBytes(ResultJson.Write(result));
                if (!body.AsSpan().SequenceEqual(expected)) problems.Add(FirstDifference(expected, body));
                if (problems.Count > 0)
                    failures.Add($"{basket.Label}:\n  {string.Join("\n  ", problems)}\n  cart: {cartJson}");
            }
        }

        clock.Stop();
        output.WriteLine($"{stats.Carts} carts compared over {RuleSets} rule sets in {clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine(stats.ToString());

        Assert.True(failures.Count == 0,
            $"{failures.Count} of {stats.Carts} baskets priced differently online and at the till:\n" +
            string.Join("\n", failures.Take(MaxReported)) + (failures.Count > MaxReported ? $"\n... and {failures.Count - MaxReported} more" : ""));
        Assert.True(stats.Carts >= 200, $"only {stats.Carts} carts compared");
        // Parity of undiscounted baskets would prove little: the baskets must exercise the rules.
        Assert.True(stats.Discounted >= stats.Carts / 3, $"only {stats.Discounted} of {stats.Carts} baskets got a discount");
        Assert.True(stats.CouponsApplied >= 20, $"only {stats.CouponsApplied} coupons applied");
        Assert.True(stats.PointsUsed >= 10, $"points used in only {stats.PointsUsed} baskets");
        Assert.True(stats.Merged >= 10, $"scans merged into one line in only {stats.Merged} baskets");
    }

    /// <summary>The response's totals and lines against the till's result, every money amount in minor units.</summary>
    private static List<string> CompareLines(PricingResult till, byte[] body)
    {
        var problems = new List<string>();
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        int digits = till.MinorDigits;

        void Money(string where, string name, JsonElement http, long expected)
        {
            if (!http.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number)
            {
                problems.Add($"{where}: {name} missing from the HTTP result (till: {expected})");
                return;
            }
            long actual = ToMinor(value.GetDecimal(), digits);
            if (actual != expected)
                problems.Add($"{where}: {name} HTTP {value.GetRawText()} vs till {Major(expected, digits)} ({actual - expected:+#;-#} minor units)");
        }

        Money("total", "subtotal", root, till.Subtotal);
        Money("total", "discount", root, till.Discount);
        Money("total", "total", root, till.Total);
        Money("total", "payable", root, till.Payable);
        Money("points", "value", root.GetProperty("points"), till.Points.Value);

        var lines = root.GetProperty("lines").EnumerateArray().ToList();
        if (lines.Count != till.Lines.Count)
            problems.Add($"lines: HTTP has {lines.Count}, till {till.Lines.Count}");
        for (int i = 0; i < Math.Min(lines.Count, till.Lines.Count); i++)
        {
            var expected = till.Lines[i];
            var http = lines[i];
            string id = http.GetProperty("id").GetString()!;
            string where = $"line {expected.Id}";
            if (id != expected.Id) problems.Add($"line #{i + 1}: HTTP id {id} vs till {expected.Id}");
            if (http.GetProperty("quantity").GetInt64() != expected.Quantity)
                problems.Add($"{where}: quantity HTTP {http.GetProperty("quantity").GetInt64()} vs till {expected.Quantity}");
            Money(where, "listAmount", http, expected.ListAmount);
            Money(where, "amount", http, expected.Amount);
            Money(where, "pointsValue", http, expected.PointsValue);
            Money(where, "payable", http, expected.Payable);
        }
        return problems;
    }

    private static long ToMinor(decimal major, int digits)
    {
        decimal scaled = major;
        for (int i = 0; i < digits; i++) scaled *= 10;
        return decimal.ToInt64(scaled);
    }

    private static string Major(long minor, int digits) =>
        digits == 0 ? minor.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : (minor / (decimal)Math.Pow(10, digits)).ToString($"F{digits}", System.Globalization.CultureInfo.InvariantCulture);

    private static string FirstDifference(byte[] expected, byte[] actual)
    {
        int at = 0;
        while (at < expected.Length && at < actual.Length && expected[at] == actual[at]) at++;
        static string Around(byte[] bytes, int at) =>
            Encoding.UTF8.GetString(bytes, Math.Max(0, at - 60), Math.Min(bytes.Length, at + 60) - Math.Max(0, at - 60));
        return $"HTTP body differs from the till's result JSON at byte {at} (HTTP {actual.Length} bytes, till {expected.Length}):\n" +
            $"    HTTP: …{Around(actual, at)}…\n    till: …{Around(expected, at)}…";
    }

    /// <summary>What the baskets exercised, to show that parity is not only proven on trivial baskets.</summary>
    private sealed class Stats
    {
        public int Carts, Yen, Lines, Discounted, CouponsApplied, CouponsRejected, PointsUsed, Members, Gifts, Hints, Merged, Skipped;

        public void Add(RungUp rung, PricingResult result)
        {
            Carts++;
            if (result.MinorDigits == 0) Yen++;
            Lines += result.Lines.Count;
            if (result.Discount > 0) Discounted++;
            CouponsApplied += result.Coupons.Count(c => c.Applied);
            CouponsRejected += result.Coupons.Count(c => !c.Applied);
            if (result.Points.Used > 0) PointsUsed++;
            if (rung.Session.Member is not null) Members++;
            if (result.Gifts.Count > 0) Gifts++;
            if (result.Hints.Count > 0) Hints++;
            if (rung.Session.Lines.Count < rung.Scans) Merged++;
            Skipped += rung.Skipped.Count;
        }

        public override string ToString() =>
            $"baskets in a currency without minor units {Yen}; lines {Lines}; discounted baskets {Discounted}; coupons applied {CouponsApplied}, rejected {CouponsRejected}; " +
            $"baskets with points used {PointsUsed}; members {Members}; with gifts {Gifts}; with hints {Hints}; " +
            $"merged scans {Merged}; till refusals skipped {Skipped}";
    }
}
