using System.Text.RegularExpressions;
using PromoEngine.AspNetCore.Tests.Support;

namespace PromoEngine.AspNetCore.Tests;

/// <summary>The README's online-service section says what an operator needs, and names only settings that exist.</summary>
public sealed partial class ReadmeTests
{
    private static string OnlineSection()
    {
        string readme = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "README.md"));
        int start = readme.IndexOf("## Online checkout", StringComparison.Ordinal);
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return readme[start..end];
    }

    [Theory]
    [InlineData("Ctrl+C")]                 // the sample runs in the foreground
    [InlineData("X-Api-Key")]              // how to pass the key
    [InlineData("PromoEngine__ApiKey")]
    [InlineData("strict UTF-8")]           // the rule-set file's encoding
    [InlineData("byte-order mark")]
    [InlineData("atomic rename")]          // how to replace it
    [InlineData("app.UsePromoEngine()")]
    [InlineData("/metrics")]
    public void The_online_section_says(string text) => Assert.Contains(text, OnlineSection());

    [Fact]
    public void Every_setting_it_names_exists()
    {
        var names = SettingName().Matches(OnlineSection()).Select(m => m.Groups[1].Value.Split(':')).ToList();
        Assert.NotEmpty(names);
        foreach (var path in names)
        {
            Type type = typeof(PromoEngineOptions).GetProperty(path[0]) is null ? typeof(PromoEngineLedgerOptions) : typeof(PromoEngineOptions);
            foreach (string name in path)
            {
                var property = type.GetProperty(name);
                Assert.True(property is not null, $"PromoEngine:{string.Join(':', path)}: no setting {name}");
                type = property.PropertyType;
            }
        }
    }

    [GeneratedRegex(@"PromoEngine(?::|__)([A-Z]\w*(?::[A-Z]\w*)*)")]
    private static partial Regex SettingName();
}
