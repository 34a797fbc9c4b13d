namespace PromoEngine.Benchmarks.Workloads;

/// <summary>A product of the generated catalog.</summary>
public sealed record Product(string Sku, string Category, string Department, string Brand, decimal Price, string[] Tags)
{
    /// <summary>The line's <c>categories</c>: its category and its ancestor (spec §3.1: hierarchy is the caller's).</summary>
    public string[] Categories { get; } = [Category, Department];
}

/// <summary>
/// A deterministic retail catalog: 10 departments × 6 categories, 8 brands per department, 4,000 SKUs
/// of which 150 are "hot" (the ones carts mostly hold and promotions mostly target). A separate "far"
/// namespace of SKUs, categories and brands that carts never contain feeds the promotions of W3 that
/// must not touch the cart.
/// </summary>
public sealed class Catalog
{
    public static readonly string[] AllTags = ["new", "hot", "imported", "organic", "clearance", "member-day", "gift-box"];

    private static readonly (string Name, decimal Min, decimal Max, string[] Categories)[] DepartmentSpecs =
    [
        ("grocery", 5m, 80m, ["snacks", "drinks", "staples", "condiments", "breakfast", "instant"]),
        ("fresh", 10m, 150m, ["fruit", "vegetables", "meat", "seafood", "dairy", "bakery"]),
        ("beauty", 50m, 800m, ["skincare", "makeup", "haircare", "fragrance", "bodycare", "mens-care"]),
        ("electronics", 100m, 5000m, ["phones", "audio", "computers", "cameras", "wearables", "accessories"]),
        ("home", 20m, 600m, ["kitchen", "bedding", "storage", "cleaning", "decor", "lighting"]),
        ("apparel", 50m, 900m, ["womens", "mens", "shoes", "bags", "underwear", "outdoor-wear"]),
        ("baby", 30m, 400m, ["formula", "diapers", "feeding", "toys", "strollers", "baby-care"]),
        ("sports", 40m, 1500m, ["running", "fitness", "cycling", "camping", "swimming", "ball-games"]),
        ("books", 15m, 120m, ["fiction", "children", "business", "education", "comics", "cooking"]),
        ("pet", 20m, 300m, ["dog-food", "cat-food", "litter", "pet-toys", "pet-care", "aquarium"]),
    ];

    public Catalog(int seed = 20261111, int skuCount = 4000, int hotCount = 150)
    {
        var random = new Random(seed);
        Departments = DepartmentSpecs.Select(d => d.Name).ToArray();
        Categories = DepartmentSpecs.SelectMany(d => d.Categories.Select(c => $"{d.Name}.{c}")).ToArray();
        Brands = DepartmentSpecs.SelectMany(d => Enumerable.Range(1, 8).Select(k => $"{d.Name}-brand-{k}")).ToArray();
        var products = new Product[skuCount];
        for (int i = 0; i < skuCount; i++)
        {
            var d = DepartmentSpecs[random.Next(DepartmentSpecs.Length)];
            string category = $"{d.Name}.{d.Categories[random.Next(d.Categories.Length)]}";
            string brand = $"{d.Name}-brand-{1 + random.Next(8)}";
            // Log-uniform price in the department's range, with a retail ending.
            double p = Math.Exp(Math.Log((double)d.Min) + random.NextDouble() * (Math.Log((double)d.Max) - Math.Log((double)d.Min)));
            decimal whole = Math.Max(1m, Math.Floor((decimal)p));
            decimal price = whole + random.Next(4) switch { 0 => 0.00m, 1 => 0.90m, 2 => 0.99m, _ => 0.50m };
            int tagCount = random.Next(3);
            var tags = Enumerable.Range(0, tagCount).Select(_ => AllTags[random.Next(AllTags.Length)]).Distinct().ToArray();
            products[i] = new Product($"{d.Name[..3].ToUpperInvariant()}-{i:D5}", category, d.Name, brand, price, tags);
        }
        Products = products;
        Hot = products.OrderBy(_ => random.Next()).Take(hotCount).ToArray();
        BySku = products.ToDictionary(p => p.Sku, StringComparer.Ordinal);
        ByCategory = products.GroupBy(p => p.Category).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        ByDepartment = products.GroupBy(p => p.Department).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        ByBrand = products.GroupBy(p => p.Brand).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    public string[] Departments { get; }
    public string[] Categories { get; }
    public string[] Brands { get; }
    public Product[] Products { get; }
    public Product[] Hot { get; }
    public Dictionary<string, Product> BySku { get; }
    public Dictionary<string, Product[]> ByCategory { get; }
    public Dictionary<string, Product[]> ByDepartment { get; }
    public Dictionary<string, Product[]> ByBrand { get; }

    /// <summary>SKUs, categories and brands no generated cart ever contains (W3's non-touching promotions).</summary>
    public static string FarSku(int k) => $"FAR-{k:D6}";
    public static string FarCategory(int k) => $"far.category-{k}";
    public static string FarBrand(int k) => $"far-brand-{k}";
}
