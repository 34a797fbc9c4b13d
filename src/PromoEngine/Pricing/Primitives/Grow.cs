namespace PromoEngine.Pricing;

/// <summary>Reusable arrays that only ever grow, so a pooled context stops allocating once warm.</summary>
internal static class Grow
{
    /// <summary>Makes <paramref name="array"/> at least <paramref name="length"/> long, keeping its contents.</summary>
    public static void To<T>(ref T[] array, int length)
    {
        if (array.Length < length) Array.Resize(ref array, Math.Max(length, Math.Max(8, array.Length * 2)));
    }
}
