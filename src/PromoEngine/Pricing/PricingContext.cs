using PromoEngine.Compilation;
using PromoEngine.Definitions;
using PromoEngine.Validation;

namespace PromoEngine.Pricing;

/// <summary>
/// The working memory of one pricing pass (spec §5). A context belongs to one engine, is rented from
/// its pool for one cart at a time and keeps its arrays between carts, so that a warm engine prices
/// without allocating. The stages live in the other <c>PricingContext.*.cs</c> files, one per step.
/// </summary>
internal sealed partial class PricingContext
{
    private readonly CompiledRuleSet _r;
    private PricingResultBuffer? _output;

    // The cart, in minor units (Intake).
    private CartDefinition _cart = null!;
    private CartFacts _facts;
    private bool _hasCustomer;
    private long _requestedPoints;
    private int _n;
    private CartLineDefinition[] _line = [];
    private long[] _unit = [], _qty = [], _list = [];
    private int[] _idRank = [];

    // What the pass has decided so far.
    private long[] _amount = [], _itemAmount = [], _memberPrice = [];
    private CompiledMemberPrice?[] _memberWinner = [];
    private bool[] _promoted = [];

    // Adjustments: one chain per line, in pass order.
    private string[] _adjSource = [];
    private CompiledFunding[] _adjFunding = [];
    private PricingStage[] _adjStage = [];
    private long[] _adjAmount = [];
    private int[] _adjNext = [];
    private int _adjCount;
    private int[] _adjHead = [], _adjTail = [];

    // Scratch, sized to the cart.
    private long[] _weights = [], _shares = [], _lineDiscount = [], _allowance = [];
    private int[] _ranks = [], _eligible = [], _order = [];
    private bool[] _claimed = [];

    public PricingContext(CompiledRuleSet rules)
    {
        _r = rules;
        _promoStamp = new int[rules.Promotions.Length];
        _touched = new RankSet(rules.Promotions.Length);
        _rankCount = new int[rules.Promotions.Length];
        _rankFill = new int[rules.Promotions.Length];
        _rankLines = new ulong[rules.Promotions.Length];
        _activeMark = new int[rules.Promotions.Length];
        _memberStamp = new int[rules.MemberPrices.Length];
        _unitsLeft = new long[rules.Promotions.Length];
        _budgetLeft = new long[rules.Promotions.Length];
        int coupons = rules.CouponsByOrdinal.Length;
        _couponUsesLeft = new long[coupons];
        _couponBudgetLeft = new long[coupons];
        _couponTaken = new long[coupons];
        _couponSpent = new long[coupons];
    }

    /// <summary>Prices <paramref name="cart"/> into <paramref name="output"/>; throws <see cref="PromoValidationException"/> for an invalid cart.</summary>
    /// <param name="cart">The cart.</param>
    /// <param name="output">Receives the result.</param>
    /// <param name="readErrors">Errors found while reading the cart's JSON, reported together with the cart's own.</param>
    public void Price(CartDefinition cart, PricingResultBuffer output, ErrorSink? readErrors = null)
    {
        _output = output;
        output.Reset(_r.Id, _r.Version, _r.Currency, _r.MinorDigits);
        Intake(cart, readErrors);
        CollectCandidates();
        ItemStage();
        MultibuyStage();
        ChooseCouponsAndRunLayers(output);
        PointsStage();
        Finish(output);
    }

    private void Prepare(int n)
    {
        _n = n;
        Grow.To(ref _line, n);
        Grow.To(ref _unit, n);
        Grow.To(ref _qty, n);
        Grow.To(ref _list, n);
        Grow.To(ref _idRank, n);
        Grow.To(ref _amount, n);
        Grow.To(ref _itemAmount, n);
        Grow.To(ref _memberPrice, n);
        Grow.To(ref _memberWinner, n);
        Grow.To(ref _promoted, n);
        Grow.To(ref _adjHead, n);
        Grow.To(ref _adjTail, n);
        Grow.To(ref _weights, n);
        Grow.To(ref _shares, n);
        Grow.To(ref _lineDiscount, n);
        Grow.To(ref _allowance, n);
        Grow.To(ref _ranks, n);
        Grow.To(ref _eligible, n);
        Grow.To(ref _order, n);
        Grow.To(ref _claimed, n);
        _adjCount = 0;
        for (int i = 0; i < n; i++)
        {
            _adjHead[i] = -1;
            _adjTail[i] = -1;
            _promoted[i] = false;
            _memberWinner[i] = null;
        }
    }

    private void AddAdjustment(int line, string source, PricingStage stage, long amount, CompiledFunding funding)
    {
        int k = _adjCount++;
        Grow.To(ref _adjSource, _adjCount);
        Grow.To(ref _adjFunding, _adjCount);
        _adjFunding[k] = funding;
        Grow.To(ref _adjStage, _adjCount);
        Grow.To(ref _adjAmount, _adjCount);
        Grow.To(ref _adjNext, _adjCount);
        _adjSource[k] = source;
        _adjStage[k] = stage;
        _adjAmount[k] = amount;
        _adjNext[k] = -1;
        if (_adjTail[line] < 0) _adjHead[line] = k;
        else _adjNext[_adjTail[line]] = k;
        _adjTail[line] = k;
    }

    private bool InScope(CompiledScope scope, int line)
    {
        var l = _line[line];
        return scope.Matches(l.Sku!, l.Categories ?? [], l.Brand, l.Tags ?? []);
    }

    /// <summary>
    /// Splits <paramref name="amount"/> over the first <paramref name="count"/> lines of <see cref="_eligible"/>,
    /// weighted by <paramref name="weightsOf"/>, into <see cref="_shares"/> (spec §2).
    /// </summary>
    private void AllocateOverEligible(long amount, int count, long[] weightsOf)
    {
        for (int k = 0; k < count; k++)
        {
            _weights[k] = weightsOf[_eligible[k]];
            _ranks[k] = _idRank[_eligible[k]];
        }
        Money.Allocation.Split(amount, _weights.AsSpan(0, count), _ranks.AsSpan(0, count), _shares.AsSpan(0, count));
    }
}
