namespace PromoEngine.Pricing;

/// <summary>The last step: lines, totals and points into the caller's result buffer, checking the §6 invariants.</summary>
internal sealed partial class PricingContext
{
    private void Finish(PricingResultBuffer output)
    {
        long subtotal = 0, discount = 0;
        PrepareFunding();
        for (int i = 0; i < _n; i++)
        {
            long adjusted = 0;
            int first = output.AdjustmentCount;
            int firstFunding = output.LineFundingCount;
            for (int k = _adjHead[i]; k >= 0; k = _adjNext[k])
            {
                adjusted += _adjAmount[k];
                output.AddAdjustment(_adjSource[k], _adjStage[k], _adjAmount[k]);
            }
            long amount = _list[i] - adjusted;
            // A broken invariant is a bug of the engine, never a price to hand out.
            if (amount != _amount[i] || amount < 0 || _lineValue[i] > amount)
                throw new InvalidOperationException($"internal error: line {_line[i].Id} does not balance");
            FundLine(i, output);
            output.AddLine(_line[i].Id!, _line[i].Sku!, _qty[i], _list[i], amount, _linePoints[i], _lineValue[i],
                first, output.AdjustmentCount - first, firstFunding, output.LineFundingCount - firstFunding);
            subtotal += _list[i];
            discount += adjusted;
        }
        long total = subtotal - discount;
        long payable = total - _pointsValue;
        output.SetTotals(subtotal, discount, total, _pointsUsed, _pointsValue, PointsEarned(payable), payable);
        FundOrder(output);
    }

    /// <summary>Drops references to the caller's cart and buffer, so a pooled context keeps nothing alive.</summary>
    public void Release()
    {
        _cart = null!;
        _output = null;
        Array.Clear(_line, 0, _n);
    }
}
