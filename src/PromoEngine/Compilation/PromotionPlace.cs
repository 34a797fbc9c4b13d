namespace PromoEngine.Compilation;

/// <summary>Where a promotion acts in the pass: the item stage, the multibuy stage, or a layer's thresholds.</summary>
/// <param name="Stage"><see cref="PricingStage.Item"/>, <see cref="PricingStage.Multibuy"/> or <see cref="PricingStage.Threshold"/>.</param>
/// <param name="Layer">The layer of a threshold promotion; 0 for the others.</param>
internal readonly record struct PromotionPlace(PricingStage Stage, int Layer)
{
    public static PromotionPlace Of(CompiledPromotion p) => p.Kind switch
    {
        Definitions.PromotionKind.SpecialPrice or Definitions.PromotionKind.ItemDiscount => new(PricingStage.Item, 0),
        Definitions.PromotionKind.Threshold => new(PricingStage.Threshold, p.LayerIndex),
        _ => new(PricingStage.Multibuy, 0),
    };
}
