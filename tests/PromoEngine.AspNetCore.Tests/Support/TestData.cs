using System.Security.Cryptography;

namespace PromoEngine.AspNetCore.Tests.Support;

/// <summary>The test project's own rule sets and carts (TestData/), and the repository's samples/data.</summary>
internal static class TestData
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "TestData");
    private static readonly Lazy<string> Template = new(() => File.ReadAllText(Path.Combine(Dir, "rules-template.json")));

    public static string Read(string name) => File.ReadAllText(Path.Combine(Dir, name));

    public static string Cart => Read("cart.json");

    public static string InvalidCart => Read("cart-invalid.json");

    public static string InvalidRules => Read("rules-invalid.json");

    /// <summary>A valid rule set of the given version; <paramref name="percentOff"/> changes the price of the test cart.</summary>
    public static string Rules(string version, int percentOff = 10) =>
        Template.Value.Replace("$VERSION", version).Replace("$PERCENT", percentOff.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The repository root (the directory holding PromoEngine.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string SamplesData => Path.Combine(RepositoryRoot, "samples", "data");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PromoEngine.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("PromoEngine.sln not found above " + AppContext.BaseDirectory);
    }
}
