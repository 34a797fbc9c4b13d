namespace PromoEngine.Pricing;

/// <summary>
/// Sorting with a struct comparer and no allocation. <c>MemoryExtensions.Sort</c> boxes the comparer
/// and makes a delegate on every call; the pass sorts a few short spans per cart, so that mattered.
/// Every comparer used here is a total order, so stability is not needed.
/// </summary>
internal static class SpanSort
{
    public static void Sort<T, TComparer>(Span<T> span, TComparer comparer) where TComparer : struct, IComparer<T>
    {
        if (span.Length <= 16)
        {
            InsertionSort(span, comparer);
            return;
        }
        for (int i = span.Length / 2 - 1; i >= 0; i--) SiftDown(span, i, span.Length, comparer);
        for (int end = span.Length - 1; end > 0; end--)
        {
            (span[0], span[end]) = (span[end], span[0]);
            SiftDown(span, 0, end, comparer);
        }
    }

    private static void InsertionSort<T, TComparer>(Span<T> span, TComparer comparer) where TComparer : struct, IComparer<T>
    {
        for (int i = 1; i < span.Length; i++)
        {
            T item = span[i];
            int j = i - 1;
            while (j >= 0 && comparer.Compare(span[j], item) > 0)
            {
                span[j + 1] = span[j];
                j--;
            }
            span[j + 1] = item;
        }
    }

    private static void SiftDown<T, TComparer>(Span<T> span, int root, int length, TComparer comparer) where TComparer : struct, IComparer<T>
    {
        while (true)
        {
            int child = 2 * root + 1;
            if (child >= length) return;
            if (child + 1 < length && comparer.Compare(span[child], span[child + 1]) < 0) child++;
            if (comparer.Compare(span[root], span[child]) >= 0) return;
            (span[root], span[child]) = (span[child], span[root]);
            root = child;
        }
    }
}
