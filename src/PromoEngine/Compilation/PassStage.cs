namespace PromoEngine.Compilation;

/// <summary>Where a promotion's group goes in the pass: the item stage, the multibuy stage, or a layer's thresholds.</summary>
internal static class PassStage
{
    public const int Item = 0;
    public const int Multibuy = 1;
    /// <summary>Thresholds of layer L have stage <c>FirstLayer + L</c>.</summary>
    public const int FirstLayer = 2;
}
