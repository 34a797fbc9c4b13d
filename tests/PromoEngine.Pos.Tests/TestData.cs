using PromoEngine.Pos;

namespace PromoEngine.Pos.Tests;

/// <summary>The small rule set and catalog under Data/, and the repository's samples.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset D11 = new(2026, 11, 11, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly Lazy<RuleSetSnapshot> LazySnapshot = new(() => RuleSetSnapshot.Load(RulesPath));
    private static readonly Lazy<Catalog> LazyCatalog = new(() => Catalog.Load(CatalogPath));

    public static string DataDir => Path.Combine(AppContext.BaseDirectory, "Data");
    public static string RulesPath => Path.Combine(DataDir, "rules.json");
    public static string CatalogPath => Path.Combine(DataDir, "catalog.json");
    public static RuleSetSnapshot Snapshot => LazySnapshot.Value;
    public static Catalog Catalog => LazyCatalog.Value;

    public static TillSession Session(string store = "S1", DateTimeOffset? at = null, CashRounding? rounding = null) =>
        new(Snapshot, Catalog, new TillOptions { StoreId = store, CashRounding = rounding }, new FixedClock(at ?? D11));

    /// <summary>The repository root (the directory holding PromoEngine.sln).</summary>
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PromoEngine.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("repository root not found");
        }
    }

    public static string SamplesData => Path.Combine(RepoRoot, "samples", "data");

    /// <summary>A temporary file holding <paramref name="text"/>, deleted on dispose.</summary>
    public static TempFile Temp(string text, string extension = ".json") => new(text, extension);

    public sealed class TempFile : IDisposable
    {
        public TempFile(string text, string extension)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"pos-test-{Guid.NewGuid():N}{extension}");
            File.WriteAllText(Path, text);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
