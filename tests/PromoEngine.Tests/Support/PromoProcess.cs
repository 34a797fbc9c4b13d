using System.Diagnostics;

namespace PromoEngine.Tests.Support;

/// <summary>Runs the built <c>promo</c> executable (the CLI project's output copied beside the tests).</summary>
public static class PromoProcess
{
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args) => RunWithInput(null, args);

    /// <summary>Runs promo with <paramref name="stdin"/> as its standard input (none: an empty one).</summary>
    public static (int ExitCode, string Stdout, string Stderr) RunWithInput(byte[]? stdin, params string[] args) =>
        RunWithEnvironment(new Dictionary<string, string>(), stdin, args);

    /// <summary>Runs promo with <paramref name="environment"/> added to its environment.</summary>
    public static (int ExitCode, string Stdout, string Stderr) RunWithEnvironment(IReadOnlyDictionary<string, string> environment,
        byte[]? stdin, params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "promo.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.ArgumentList.Add(dll);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        using (var input = process.StandardInput.BaseStream)
        {
            if (stdin is not null) input.Write(stdin);
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("promo did not finish in 60 s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Writes text to a fresh temporary file and returns its path.</summary>
    public static string TempFile(string text, string extension = ".json")
    {
        string path = Path.Combine(Path.GetTempPath(), "promo-tests-" + Guid.NewGuid().ToString("N") + extension);
        File.WriteAllText(path, text);
        return path;
    }
}
