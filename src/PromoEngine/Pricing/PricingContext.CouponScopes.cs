using PromoEngine.Compilation;

namespace PromoEngine.Pricing;

/// <summary>
/// Which lines each coupon candidate may take (§5.1, §9): in its scope and, for <c>excludePromoted</c>,
/// not promoted. Scopes come from the scope index entries each line looked up while collecting
/// promotions, so a cart with many coupons costs no string matching beyond the exclude lists. Promoted
/// is final once the multibuy stage is done, so the lists hold for the whole search; only the amount > 0
/// test is left to each use.
/// </summary>
internal sealed partial class PricingContext
{
    private int[] _couponCartMark = [], _couponLineMark = [], _couponFirstCand = [];
    private int[] _candNextOfCoupon = [];
    private int _couponMark;
    private bool[] _candScope = [];
    private int[] _candLines = [], _candLineStart = [], _candLineCount = [];

    /// <summary>Fills each candidate's list of lines it may take, in cart order.</summary>
    private void FindCandidateLines()
    {
        if (_candTotal == 0) return;
        int coupons = _r.CouponsByOrdinal.Length;
        Grow.To(ref _couponCartMark, coupons);
        Grow.To(ref _couponLineMark, coupons);
        Grow.To(ref _couponFirstCand, coupons);
        Grow.To(ref _candNextOfCoupon, _candTotal);
        Grow.To(ref _candScope, _candTotal * _n);
        Array.Clear(_candScope, 0, _candTotal * _n);
        if (_couponMark > int.MaxValue - 1 - _n)
        {
            Array.Clear(_couponCartMark);
            Array.Clear(_couponLineMark);
            _couponMark = 0;
        }

        // The candidates of each coupon definition (a coupon may come as several instances).
        int cartMark = ++_couponMark;
        for (int c = _candTotal - 1; c >= 0; c--)
        {
            int o = _candCoupon[c].Ordinal;
            if (_couponCartMark[o] != cartMark)
            {
                _couponCartMark[o] = cartMark;
                _couponFirstCand[o] = -1;
            }
            _candNextOfCoupon[c] = _couponFirstCand[o];
            _couponFirstCand[o] = c;
        }

        for (int i = 0; i < _n; i++)
        {
            int lineMark = ++_couponMark;
            for (int k = _lineEntryStart[i], end = k + _lineEntryCount[i]; k < end; k++)
            {
                foreach (int o in _lineEntries[k].Coupons)
                {
                    if (_couponCartMark[o] != cartMark || _couponLineMark[o] == lineMark) continue; // not in the cart, or seen
                    _couponLineMark[o] = lineMark;
                    var scope = _r.CouponsByOrdinal[o].Scope;
                    if (scope.HasExcludes && !InScope(scope, i)) continue; // found by an include key: only excludes can refuse it
                    for (int c = _couponFirstCand[o]; c >= 0; c = _candNextOfCoupon[c]) _candScope[c * _n + i] = true;
                }
            }
        }

        Grow.To(ref _candLineStart, _candTotal);
        Grow.To(ref _candLineCount, _candTotal);
        Grow.To(ref _candLines, _candTotal * _n);
        int written = 0;
        for (int c = 0; c < _candTotal; c++)
        {
            _candLineStart[c] = written;
            bool skipPromoted = _candCoupon[c].ExcludePromoted;
            for (int i = 0; i < _n; i++)
                if (_candScope[c * _n + i] && !(skipPromoted && _promoted[i])) _candLines[written++] = i;
            _candLineCount[c] = written - _candLineStart[c];
        }
    }
}
