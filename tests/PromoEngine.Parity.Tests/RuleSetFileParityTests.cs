using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PromoEngine.AspNetCore;
using PromoEngine.Loading;

namespace PromoEngine.Parity.Tests;

/// <summary>
/// Issue #8: one rule-set file is refused, or loaded, alike by every front end — the core loader
/// (<see cref="RuleSetFile"/>), <c>promo validate</c>, the online service's <see cref="RuleSetManager"/> and the
/// till's <see cref="Pos.RuleSetSnapshot"/>. Before, the till's reader replaced bad bytes and priced a file the
/// online service refused.
/// </summary>
public sealed class RuleSetFileParityTests : IDisposable
{
    private const string Rules = """
        {"id":"parity","version":"1","currency":"CNY","promotions":[{"id":"p","kind":"itemDiscount","percentOff":10,"name":"十点"}]}
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("promo-parity-").FullName;

    public static TheoryData<string> Files() => new(BadFiles().Keys.Append("bom + valid").Append("valid"));

    private static Dictionary<string, byte[]> BadFiles()
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(Rules);
        int name = Rules.IndexOf("十点", StringComparison.Ordinal);
        return new()
        {
            // A byte that is never UTF-8, inside a name.
            ["invalid utf-8"] = [.. utf8[..Encoding.UTF8.GetByteCount(Rules[..name])], 0xFF, .. utf8[Encoding.UTF8.GetByteCount(Rules[..name])..]],
            // An overlong encoding of '/', and an encoded surrogate: a lenient decoder would let both through.
            ["overlong and surrogate"] = [.. Encoding.UTF8.GetBytes(Rules.Replace("十点", "x")[..^2]), 0xC0, 0xAF, 0xED, 0xA0, 0x80, .. "}]}"u8],
            ["utf-16 with bom"] = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Rules)],
            ["utf-16 without bom"] = Encoding.Unicode.GetBytes(Rules),
            // All ASCII: every other byte is NUL, which is UTF-8, so it is refused as JSON.
            ["ascii utf-16 without bom"] = Encoding.Unicode.GetBytes(Rules.Replace("十点", "ten")),
            ["truncated"] = utf8[..(utf8.Length / 2)],
            ["lone surrogate escape"] = Encoding.UTF8.GetBytes(Rules.Replace("\"id\":\"p\"", "\"id\":\"\\ud800\"")),
        };
    }

    private byte[] Content(string file) => file switch
    {
        "bom + valid" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Rules)],
        "valid" => Encoding.UTF8.GetBytes(Rules),
        _ => BadFiles()[file],
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_front_end_refuses_or_loads_the_same_file_alike(string file)
    {
        string path = Path.Combine(_directory, file.Replace(' ', '-') + ".json");
        File.WriteAllBytes(path, Content(file));

        // The core loader.
        var (library, libraryDigest) = Outcome(() => RuleSetFile.Load(path).Digest);
        // The till.
        var (till, tillDigest) = Outcome(() => Pos.RuleSetSnapshot.Load(path).Digest);
        // The online service.
        var manager = new RuleSetManager(new FileRuleSetProvider(path), TimeProvider.System, NullLogger<RuleSetManager>.Instance);
        var outcome = await manager.ReloadAsync();
        string[] online = outcome == RuleSetReloadOutcome.Loaded ? [] : manager.LastError!.Errors.Select(Describe).ToArray();
        // promo validate, as a process.
        var (exit, stdout, stderr) = Promo("validate", "--rules", path);

        Assert.Equal(library, till);
        Assert.Equal(library, online);
        Assert.Equal(library.Select(e => e[..e.LastIndexOf(" [", StringComparison.Ordinal)]), stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        if (BadFiles().ContainsKey(file))
        {
            Assert.NotEmpty(library);
            Assert.Equal((2, ""), (exit, stdout));
            Assert.Null(manager.Current);
            Assert.All(library, e => Assert.Contains(" (rules): ", e));
        }
        else
        {
            Assert.Equal((0, "ok\n"), (exit, stdout));
            Assert.Equal(libraryDigest, tillDigest);
            Assert.Equal(libraryDigest, manager.Current!.Sha256);
            Assert.Equal(RuleSetFile.ComputeDigest(File.ReadAllBytes(path)), libraryDigest); // the file as read, BOM included
        }
    }

    [Fact]
    public void The_refusals_are_the_ones_expected()
    {
        string Refusal(string file) => string.Join("\n", Assert.Throws<PromoValidationException>(() => RuleSetFile.FromBytes(BadFiles()[file])).Errors.Select(Describe));
        Assert.Equal("$ (rules): not valid UTF-8 [invalidEncoding]", Refusal("invalid utf-8"));
        Assert.Equal("$ (rules): not valid UTF-8 [invalidEncoding]", Refusal("overlong and surrogate"));
        Assert.Equal("$ (rules): not valid UTF-8 [invalidEncoding]", Refusal("utf-16 with bom"));
        Assert.Equal("$ (rules): not valid UTF-8 [invalidEncoding]", Refusal("utf-16 without bom"));
        Assert.StartsWith("$ (rules): malformed JSON: ", Refusal("ascii utf-16 without bom"));
        Assert.StartsWith("$ (rules): malformed JSON: ", Refusal("truncated"));
        Assert.Equal("$.promotions[0].id (rules): a string escapes a lone UTF-16 surrogate (e.g. \\ud800): not valid text [invalidString]",
            Refusal("lone surrogate escape"));
    }

    private static (string[] Errors, string? Digest) Outcome(Func<string> load)
    {
        try
        {
            return ([], load());
        }
        catch (PromoValidationException e)
        {
            return (e.Errors.Select(Describe).ToArray(), null);
        }
    }

    private static string Describe(ValidationError error) => $"{error} [{error.Code}]";

    private static (int Exit, string Stdout, string Stderr) Promo(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "promo.dll"));
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("promo did not finish in 60 s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
