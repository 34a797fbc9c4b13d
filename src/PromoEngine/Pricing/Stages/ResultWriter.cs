namespace PromoEngine.Pricing;

/// <summary>The last step (spec §6): lines, totals, points and funding into the caller's result buffer, checking the invariants.</summary>
internal sealed class ResultWriter(PassState state, PointsStage points, FundingStage funding)
{
    private readonly PassState _s = state;
    private readonly PointsStage _points = points;
    private readonly FundingStage _funding = funding;

    public void Write()
    {
        var cart = _s.Cart;
        var output = _s.Output;
        var adjustments = _s.Adjustments;
        long subtotal = 0, discount = 0;
        _funding.Start();
        for (int i = 0; i < cart.Count; i++)
        {
            long adjusted = 0;
            int first = output.AdjustmentCount;
            int firstFunding = output.LineFundingCount;
            for (int k = adjustments.First(i); k >= 0; k = adjustments[k].Next)
            {
                ref readonly var a = ref adjustments[k];
                adjusted += a.Amount;
                output.AddAdjustment(a.Source, a.Stage, a.Amount);
            }
            long amount = cart.ListAmount[i] - adjusted;
            long value = _points.LineValue[i];
            // A broken invariant is a bug of the engine, never a price to hand out.
            if (amount != _s.Amounts.Amount[i] || amount < 0 || value > amount)
                throw new InvalidOperationException($"internal error: line {cart.Id(i)} does not balance");
            _funding.FundLine(i, value);
            output.AddLine(cart.Id(i), cart.Lines[i].Sku!, cart.Quantity[i], cart.ListAmount[i], amount, _points.LinePoints[i], value,
                first, output.AdjustmentCount - first, firstFunding, output.LineFundingCount - firstFunding);
            subtotal += cart.ListAmount[i];
            discount += adjusted;
        }
        long total = subtotal - discount;
        long payable = total - _points.Value;
        output.SetTotals(subtotal, discount, total, _points.Used, _points.Value, _points.Earned(payable), payable);
        _funding.FundOrder();
    }
}
