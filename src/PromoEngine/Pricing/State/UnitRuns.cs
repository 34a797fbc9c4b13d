namespace PromoEngine.Pricing;

/// <summary>
/// A line's units as runs of consecutive units with one price and one winning item promotion: only
/// <c>limitPerOrder</c> boundaries split them, so a line of a million units costs what a line of one
/// does (§5 step 2). Each line's runs form a chain in unit order; the multibuy stage shrinks runs as it
/// takes units, so a chain always holds exactly the line's untaken units.
/// </summary>
internal sealed class UnitRuns
{
    public struct Run
    {
        public int Line;
        /// <summary>The line's next run; −1 at the end.</summary>
        public int Next;
        /// <summary>The rank of the promotion that set the price; −1 for the member (or list) price.</summary>
        public int Winner;
        /// <summary>Index of the run's first unit on its line.</summary>
        public long Start;
        public long Count;
        public long Price;
    }

    public Run[] Runs = [];
    /// <summary>Each line's first run.</summary>
    public int[] Head = [];
    private int _total;

    public void Reset(int lines)
    {
        Grow.To(ref Head, lines);
        _total = 0;
    }

    public int New(int line, long start, long count, long price, int winner)
    {
        int r = _total++;
        Grow.To(ref Runs, _total);
        Runs[r] = new Run { Line = line, Next = -1, Winner = winner, Start = start, Count = count, Price = price };
        return r;
    }

    /// <summary>Makes unit <paramref name="at"/> of <paramref name="line"/> the start of a run.</summary>
    public void SplitAt(int line, long at)
    {
        for (int r = Head[line]; r >= 0; r = Runs[r].Next)
        {
            long end = Runs[r].Start + Runs[r].Count;
            if (at <= Runs[r].Start || at >= end) continue;
            int tail = New(line, at, end - at, Runs[r].Price, Runs[r].Winner); // may grow Runs: index after it
            Runs[r].Count = at - Runs[r].Start;
            Runs[tail].Next = Runs[r].Next;
            Runs[r].Next = tail;
            return;
        }
    }

    /// <summary>Takes the first <paramref name="units"/> units of run <paramref name="r"/> out of the stage; returns its line.</summary>
    public int TakeFront(int r, long units)
    {
        Runs[r].Start += units;
        Runs[r].Count -= units;
        return Runs[r].Line;
    }

    public int Capacity => Runs.Length;
}
