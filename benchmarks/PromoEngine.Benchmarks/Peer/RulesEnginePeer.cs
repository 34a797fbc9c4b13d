using PromoEngine.Benchmarks.Workloads;
using PromoEngine.Definitions;
using RulesEngine.Models;
using RE = RulesEngine.RulesEngine;

namespace PromoEngine.Benchmarks.Peer;

/// <summary>
/// The same threshold promotions and coupons priced with Microsoft RulesEngine, for a time ratio.
/// <para>
/// The subset of a rule set it handles (<see cref="Subset"/>): threshold promotions with amount-basis
/// 满减 tiers (<c>amountOff</c> only) and non-exclusive amount coupons with <c>minSpend</c>. Each
/// threshold promotion is a RulesEngine workflow with one lambda rule per tier
/// (<c>activity AND input1.Basis &gt;= atLeast</c>), each coupon a workflow of two rules (activity; eligible
/// lines and <c>input1.EligibleTotal &gt;= minSpend</c>), the way the RulesEngine documentation writes
/// rules over an input. The host code around it does what a rules engine does not: it walks the spec's
/// order (layers in order; threshold promotions by priority desc then id, claiming lines; coupon subsets
/// of at most <c>maxCoupons</c> a layer, each run through the later layers), picks the highest reached tier
/// and the best coupon combination (lowest total, then fewer coupons, then smallest codes), and splits
/// discounts over lines with the spec's §2 allocation so that later layers see the same line amounts.
/// </para>
/// </summary>
public sealed class RulesEnginePeer
{
    private readonly RE _engine;
    private readonly Threshold[] _thresholds;
    private readonly Dictionary<string, Coupon> _coupons;
    private readonly LayerDefinition[] _layers;
    private readonly string[] _tiers;

    public RulesEnginePeer(RuleSetDefinition subset)
    {
        _tiers = subset.Tiers?.ToArray() ?? [];
        _layers = (subset.Layers ?? [new LayerDefinition { Id = "order", MaxCoupons = 1 }]).ToArray();
        var layerIndex = _layers.Select((l, i) => (l.Id!, i)).ToDictionary(x => x.Item1, x => x.i, StringComparer.Ordinal);
        var workflows = new List<Workflow>();

        _thresholds = (subset.Promotions ?? [])
            .OrderByDescending(p => p.Priority ?? 0).ThenBy(p => p.Id, StringComparer.Ordinal)
            .Select(p =>
            {
                string activity = Activity(p.Window, p.Channels, p.Stores, p.MinTier);
                var tiers = p.Tiers!.Select(t => (AtLeast: Minor(t.AtLeast!.Value), Off: Minor(t.AmountOff!.Value))).ToArray();
                workflows.Add(new Workflow
                {
                    WorkflowName = "threshold:" + p.Id,
                    Rules = tiers.Select((t, i) => new Rule
                    {
                        RuleName = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        SuccessEvent = t.Off.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        RuleExpressionType = RuleExpressionType.LambdaExpression,
                        Expression = $"{activity} AND input1.Basis >= {t.AtLeast}",
                    }).ToList(),
                });
                return new Threshold("threshold:" + p.Id, p.Layer is null ? 0 : layerIndex[p.Layer], p.Scope, tiers.Select(t => t.Off).ToArray());
            }).ToArray();

        _coupons = new Dictionary<string, Coupon>(StringComparer.Ordinal);
        foreach (var c in subset.Coupons ?? [])
        {
            long minSpend = Minor(c.MinSpend ?? 0);
            workflows.Add(new Workflow
            {
                WorkflowName = "coupon:" + c.Id,
                Rules =
                [
                    new Rule { RuleName = "active", RuleExpressionType = RuleExpressionType.LambdaExpression, Expression = Activity(c.Window, c.Channels, c.Stores, c.MinTier) },
                    new Rule { RuleName = "minSpend", RuleExpressionType = RuleExpressionType.LambdaExpression, Expression = $"input1.EligibleLines > 0 AND input1.EligibleTotal >= {minSpend}" },
                ],
            });
            _coupons[c.Id!] = new Coupon("coupon:" + c.Id, c.Id!, c.Layer is null ? 0 : layerIndex[c.Layer], c.Scope, Minor(c.AmountOff!.Value), c.Priority ?? 0);
        }
        _engine = new RE(workflows.ToArray(), new ReSettings());
        WorkflowCount = workflows.Count;
        RuleCount = workflows.Sum(w => w.Rules.Count());
    }

    public int WorkflowCount { get; }
    public int RuleCount { get; }

    /// <summary>Threshold promotions with amount 满减 tiers and amount coupons with minSpend; nothing else.</summary>
    public static RuleSetDefinition Subset(RuleSetDefinition rules) => rules with
    {
        Id = rules.Id + "-peer-subset",
        MemberPrices = null,
        Points = null,
        Promotions = rules.Promotions!.Where(p =>
            p.Kind == PromotionKind.Threshold && (p.Basis ?? ThresholdBasis.Amount) == ThresholdBasis.Amount && p.Repeat is null
            && p.Tiers is { Count: > 0 } && p.Tiers.All(t => t.AmountOff is not null && t.PercentOff is null && t.MaxOff is null && t.Gift is null)
            && p.ExcludePromoted != true && (p.ThresholdOn ?? ThresholdOn.Current) == ThresholdOn.Current).ToList(),
        Coupons = rules.Coupons!.Where(c =>
            c.AmountOff is not null && c.PercentOff is null && c.MaxOff is null && c.Exclusive != true && c.ExcludePromoted != true).ToList(),
    };

    /// <summary>The cart's total (minor units) under the subset, as spec §5 step 4 and §5.1 define it.</summary>
    public long Total(CartDefinition cart)
    {
        var lines = cart.Lines!;
        int n = lines.Count;
        var amounts = new long[n];
        for (int i = 0; i < n; i++) amounts[i] = Minor(lines[i].UnitPrice!.Value) * lines[i].Quantity!.Value;
        var idRanks = new int[n];
        var byId = Enumerable.Range(0, n).ToArray();
        Array.Sort(byId, (a, b) => string.CompareOrdinal(lines[a].Id, lines[b].Id));
        for (int r = 0; r < n; r++) idRanks[byId[r]] = r;

        var input = new PeerInput
        {
            AtUtcTicks = cart.At!.Value.UtcTicks,
            Channel = cart.Channel!,
            StoreId = cart.StoreId,
            TierRank = cart.Customer?.Tier is { } tier ? Array.IndexOf(_tiers, tier) + 1 : 0,
        };
        var parameters = new[] { new RuleParameter("input1", input) };
        var run = new Run(this, cart, amounts.Length, idRanks, input, parameters);

        // Candidates: known coupon ids, first occurrence of each code; per layer in coupon order.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var byLayer = Enumerable.Range(0, _layers.Length).Select(_ => new List<(Coupon Coupon, string Code)>()).ToArray();
        foreach (var instance in cart.Coupons ?? [])
        {
            bool first = seen.Add(instance.Code!);
            if (!_coupons.TryGetValue(instance.CouponId!, out var coupon) || !first) continue;
            byLayer[coupon.Layer].Add((coupon, instance.Code!));
        }
        foreach (var list in byLayer)
            list.Sort((a, b) =>
            {
                int c = b.Coupon.Priority.CompareTo(a.Coupon.Priority);
                if (c == 0) c = string.CompareOrdinal(a.Coupon.Id, b.Coupon.Id);
                return c != 0 ? c : string.CompareOrdinal(a.Code, b.Code);
            });
        run.Search(0, amounts, byLayer, []);
        return run.BestTotal;
    }

    private sealed class Run(RulesEnginePeer peer, CartDefinition cart, int n, int[] idRanks, PeerInput input, RuleParameter[] parameters)
    {
        private readonly Dictionary<object, bool[]> _scopes = new(ReferenceEqualityComparer.Instance);
        public long BestTotal = long.MaxValue;
        private int _bestCount;
        private string[] _bestCodes = [];

        public void Search(int layer, long[] amounts, List<(Coupon Coupon, string Code)>[] byLayer, List<string> codes)
        {
            if (layer == peer._layers.Length)
            {
                Consider(amounts, codes);
                return;
            }
            var afterThresholds = (long[])amounts.Clone();
            Thresholds(layer, afterThresholds);
            int max = Math.Min(peer._layers[layer].MaxCoupons ?? 1, byLayer[layer].Count);
            foreach (var subset in Subsets(byLayer[layer], max))
            {
                var next = (long[])afterThresholds.Clone();
                if (!Coupons(subset, next)) continue;
                foreach (var s in subset) codes.Add(s.Code);
                Search(layer + 1, next, byLayer, codes);
                codes.RemoveRange(codes.Count - subset.Count, subset.Count);
            }
        }

        private void Thresholds(int layer, long[] amounts)
        {
            var claimed = new bool[n];
            var eligible = new List<int>();
            foreach (var t in peer._thresholds)
            {
                if (t.Layer != layer) continue;
                var inScope = Scope(t, t.Scope);
                eligible.Clear();
                long basis = 0;
                for (int i = 0; i < n; i++)
                {
                    if (!inScope[i] || amounts[i] <= 0 || claimed[i]) continue;
                    eligible.Add(i);
                    basis += amounts[i];
                }
                if (eligible.Count == 0) continue;
                input.Basis = basis;
                int reached = -1;
                foreach (var result in Execute(t.Workflow))
                    if (result.IsSuccess) reached = Math.Max(reached, int.Parse(result.Rule.RuleName, System.Globalization.CultureInfo.InvariantCulture));
                if (reached < 0) continue;
                foreach (int i in eligible) claimed[i] = true;
                Allocate(Math.Min(t.Offs[reached], basis), eligible, amounts);
            }
        }

        private bool Coupons(List<(Coupon Coupon, string Code)> subset, long[] amounts)
        {
            var eligible = new List<int>();
            foreach (var (coupon, _) in subset)
            {
                var inScope = Scope(coupon, coupon.Scope);
                eligible.Clear();
                long total = 0;
                for (int i = 0; i < n; i++)
                {
                    if (!inScope[i] || amounts[i] <= 0) continue;
                    eligible.Add(i);
                    total += amounts[i];
                }
                input.EligibleLines = eligible.Count;
                input.EligibleTotal = total;
                foreach (var result in Execute(coupon.Workflow))
                    if (!result.IsSuccess) return false;
                long discount = Math.Min(coupon.AmountOff, total);
                if (discount == 0) return false;
                Allocate(discount, eligible, amounts);
            }
            return true;
        }

        private List<RuleResultTree> Execute(string workflow)
        {
            var pending = peer._engine.ExecuteAllRulesAsync(workflow, parameters);
            var results = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
            foreach (var r in results)
                if (r.ExceptionMessage is { Length: > 0 } message) throw new InvalidOperationException($"RulesEngine {workflow}/{r.Rule.RuleName}: {message}");
            return results;
        }

        private void Consider(long[] amounts, List<string> codes)
        {
            long total = 0;
            foreach (long a in amounts) total += a;
            var sorted = codes.Order(StringComparer.Ordinal).ToArray();
            int c = total.CompareTo(BestTotal);
            if (c == 0) c = sorted.Length.CompareTo(_bestCount);
            if (c == 0)
            {
                for (int i = 0; i < Math.Min(sorted.Length, _bestCodes.Length) && c == 0; i++) c = string.CompareOrdinal(sorted[i], _bestCodes[i]);
                if (c == 0) c = sorted.Length.CompareTo(_bestCodes.Length);
            }
            if (c >= 0) return;
            BestTotal = total;
            _bestCount = sorted.Length;
            _bestCodes = sorted;
        }

        /// <summary>Spec §2: floor shares, then one unit each to the largest remainders (ties: larger weight, smaller line id).</summary>
        private void Allocate(long discount, List<int> lines, long[] amounts)
        {
            Int128 weightSum = 0;
            foreach (int i in lines) weightSum += amounts[i];
            var shares = new long[lines.Count];
            var remainders = new Int128[lines.Count];
            long given = 0;
            for (int k = 0; k < lines.Count; k++)
            {
                Int128 product = (Int128)discount * amounts[lines[k]];
                shares[k] = (long)(product / weightSum);
                remainders[k] = product % weightSum;
                given += shares[k];
            }
            var order = Enumerable.Range(0, lines.Count).ToArray();
            Array.Sort(order, (a, b) =>
            {
                int c = remainders[b].CompareTo(remainders[a]);
                if (c == 0) c = amounts[lines[b]].CompareTo(amounts[lines[a]]);
                return c != 0 ? c : idRanks[lines[a]].CompareTo(idRanks[lines[b]]);
            });
            for (long left = discount - given, k = 0; left > 0; left--, k++) shares[order[k]]++;
            for (int k = 0; k < lines.Count; k++) amounts[lines[k]] -= shares[k];
        }

        private bool[] Scope(object rule, ScopeDefinition? scope)
        {
            if (_scopes.TryGetValue(rule, out var cached)) return cached;
            var inScope = new bool[n];
            for (int i = 0; i < n; i++) inScope[i] = Scopes.Matches(scope, cart.Lines![i]);
            return _scopes[rule] = inScope;
        }

        private static IEnumerable<List<(Coupon Coupon, string Code)>> Subsets(List<(Coupon Coupon, string Code)> items, int max)
        {
            var current = new List<(Coupon, string)>();
            return Walk(0);

            IEnumerable<List<(Coupon Coupon, string Code)>> Walk(int from)
            {
                yield return [.. current];
                if (current.Count == max) yield break;
                for (int i = from; i < items.Count; i++)
                {
                    current.Add(items[i]);
                    foreach (var subset in Walk(i + 1)) yield return subset;
                    current.RemoveAt(current.Count - 1);
                }
            }
        }
    }

    /// <summary>The activity conditions (spec §3.1) as a RulesEngine lambda expression over <see cref="PeerInput"/>.</summary>
    private string Activity(WindowDefinition? window, IReadOnlyList<string>? channels, IReadOnlyList<string>? stores, string? minTier)
    {
        var parts = new List<string>();
        if (window?.From is { } from) parts.Add($"input1.AtUtcTicks >= {from.UtcTicks}");
        if (window?.To is { } to) parts.Add($"input1.AtUtcTicks < {to.UtcTicks}");
        if (channels is not null) parts.Add("(" + string.Join(" OR ", channels.Select(c => $"input1.Channel == \"{c}\"")) + ")");
        if (stores is not null) parts.Add("(" + string.Join(" OR ", stores.Select(s => $"input1.StoreId == \"{s}\"")) + ")");
        if (minTier is not null) parts.Add($"input1.TierRank >= {Array.IndexOf(_tiers, minTier) + 1}");
        return parts.Count == 0 ? "true" : string.Join(" AND ", parts);
    }

    private static long Minor(decimal major) => decimal.ToInt64(major * 100m); // CNY: validated to 2 decimals

    private sealed record Threshold(string Workflow, int Layer, ScopeDefinition? Scope, long[] Offs);

    private sealed record Coupon(string Workflow, string Id, int Layer, ScopeDefinition? Scope, long AmountOff, int Priority);
}

/// <summary>The input of the RulesEngine workflows (<c>input1</c>).</summary>
public sealed class PeerInput
{
    public long AtUtcTicks { get; set; }
    public string Channel { get; set; } = "";
    public string? StoreId { get; set; }
    public int TierRank { get; set; }
    /// <summary>A threshold promotion's basis: the amount of its eligible lines (minor units).</summary>
    public long Basis { get; set; }
    /// <summary>A coupon's eligible total (minor units).</summary>
    public long EligibleTotal { get; set; }
    public int EligibleLines { get; set; }
}
