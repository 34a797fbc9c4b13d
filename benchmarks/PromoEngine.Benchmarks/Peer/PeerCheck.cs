using PromoEngine.Benchmarks.Workloads;
using PromoEngine.Definitions;

namespace PromoEngine.Benchmarks.Peer;

/// <summary>The W1 subset priced by both engines, and the startup assertion that their totals agree.</summary>
public static class PeerCheck
{
    private static readonly Lazy<(RuleSetDefinition Subset, PricingEngine Ours, RulesEnginePeer Peer)> Built = new(() =>
    {
        var subset = RulesEnginePeer.Subset(Workloads.Workloads.W1Rules);
        return (subset, PricingEngine.Compile(subset), new RulesEnginePeer(subset));
    });

    public static RuleSetDefinition Subset => Built.Value.Subset;
    public static PricingEngine Ours => Built.Value.Ours;
    public static RulesEnginePeer Peer => Built.Value.Peer;

    /// <summary>The carts compared: the W1 cart, then the W6 batch.</summary>
    public static IEnumerable<CartDefinition> Carts => new[] { Workloads.Workloads.W1Cart }.Concat(Workloads.Workloads.W6Batch);

    /// <summary>
    /// Prices every cart with both and throws on the first total that differs, or when the comparison
    /// would be vacuous (the W1 cart must reach a threshold tier and use a coupon under the subset).
    /// Returns a one-line summary.
    /// </summary>
    public static string Verify()
    {
        int carts = 0, withThreshold = 0, withCoupon = 0;
        foreach (var cart in Carts)
        {
            var result = Ours.Price(cart);
            long peer = Peer.Total(cart);
            if (PricingCall.Price(Ours, cart) != result.Total)
                throw new InvalidOperationException($"cart {carts}: the buffer overload and Price(cart) disagree on the total");
            if (result.Total != peer)
                throw new InvalidOperationException(
                    $"RulesEngine peer disagrees on cart {carts} ({cart.Lines!.Count} lines): PromoEngine total {result.Total}, RulesEngine total {peer}");
            bool threshold = result.Applied.Any(a => a.Stage == PricingStage.Threshold);
            bool coupon = result.Coupons.Any(c => c.Applied);
            if (carts == 0 && !(threshold && coupon))
                throw new InvalidOperationException("the W1 cart reaches no threshold tier or uses no coupon under the peer subset: the comparison would prove nothing");
            withThreshold += threshold ? 1 : 0;
            withCoupon += coupon ? 1 : 0;
            carts++;
        }
        return $"RulesEngine peer agrees with PromoEngine on {carts} carts ({withThreshold} reach a threshold tier, {withCoupon} use a coupon); " +
               $"subset: {Subset.Promotions!.Count} threshold promotions, {Subset.Coupons!.Count} coupons → {Peer.WorkflowCount} workflows, {Peer.RuleCount} rules";
    }
}
