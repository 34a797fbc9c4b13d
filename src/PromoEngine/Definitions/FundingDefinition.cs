namespace PromoEngine.Definitions;

/// <summary>
/// Who funds a rule's discounts (spec §10): one party (<c>"funding": "platform"</c>), or shares that
/// sum to 100 % (<c>[{ "party": "platform", "percent": 60 }, { "party": "brand:acme", "percent": 40 }]</c>).
/// Exactly one of <see cref="Party"/> and <see cref="Shares"/> is set.
/// </summary>
public sealed record FundingDefinition
{
    /// <summary>The one party that funds everything (the JSON string form).</summary>
    public string? Party { get; init; }

    /// <summary>The parties and their percentages (the JSON list form).</summary>
    public IReadOnlyList<FundingShareDefinition>? Shares { get; init; }

    /// <summary>Funding by one party.</summary>
    public static FundingDefinition By(string party) => new() { Party = party };
}

/// <summary>One party's share of a rule's discounts.</summary>
public sealed record FundingShareDefinition
{
    /// <summary>Party id, e.g. <c>platform</c>, <c>store</c>, <c>brand:acme</c>.</summary>
    public string? Party { get; init; }

    /// <summary>Percentage in (0, 100] with at most 8 decimals.</summary>
    public decimal? Percent { get; init; }
}
