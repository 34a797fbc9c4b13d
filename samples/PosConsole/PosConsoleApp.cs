using System.Globalization;
using System.Text.RegularExpressions;
using PromoEngine;
using PromoEngine.Pos;

namespace PosConsole;

/// <summary>
/// A terminal till over a rule-set snapshot and a catalog. Interactive: type or scan codes and commands,
/// the receipt is redrawn after each change. Script (<c>--script FILE</c>, or stdin when it is not a
/// terminal): runs the commands and prints the final receipt. Exit status: 0 ok; 1 bad arguments or
/// unreadable files; 2 invalid rules or catalog, or a script command that was refused (the receipt is
/// still printed; errors go to stderr).
/// </summary>
public static partial class PosConsoleApp
{
    /// <summary>Exit status for success.</summary>
    public const int Ok = 0;
    /// <summary>Exit status for bad arguments or unreadable files.</summary>
    public const int Usage = 1;
    /// <summary>Exit status for invalid rules or catalog, or a refused script command.</summary>
    public const int Invalid = 2;

    /// <summary>The store used when <c>--store</c> is not given.</summary>
    public const string DefaultStore = "SH-001";

    private const string UsageText = """
        PosConsole — an in-store till priced by PromoEngine

        usage: PosConsole [--rules RULES.json] [--catalog CATALOG.json] [--store ID] [--at INSTANT]
                          [--script FILE] [--width N] [--ledger sqlite:PATH|redis:CONFIG]

          --rules    rule-set snapshot (default samples/data/retail-rules.json under the repository root)
          --catalog  product catalog (default samples/data/catalog.json)
          --store    store id (default SH-001)
          --at       fixed till clock, e.g. 2026-11-11T15:40:00+08:00 (default: the system clock)
          --script   run the till commands in FILE and print the final receipt
                     (stdin is read as a script too when it is not a terminal)
          --width    receipt width in columns (default 72, at least 60)
          --ledger   the redemption ledger: total reserves and commits the sale as an order and the
                     receipt shows its id; return-order takes returns of any order by id. When it
                     cannot be reached the till keeps selling without limited offers and codes.

        Type help at the till for its commands.
        """;

    private static readonly string[] Known = ["--rules", "--catalog", "--store", "--at", "--script", "--width", "--ledger"];

    /// <summary>Runs the till.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="stdin">Where commands come from when there is no <c>--script</c>.</param>
    /// <param name="stdout">Receipts (and, interactively, prompts and errors).</param>
    /// <param name="stderr">Errors in script mode; <paramref name="stdout"/> when null.</param>
    /// <param name="interactive">Whether <paramref name="stdin"/> is a person at a terminal (ignored with <c>--script</c>).</param>
    /// <returns>The exit status.</returns>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter? stderr = null, bool interactive = false)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        stderr ??= stdout;
        if (args is ["-h" or "--help" or "help"])
        {
            stdout.WriteLine(UsageText);
            return Ok;
        }
        if (!TryParse(args, out var options, out string? problem)) return Fail(stderr, problem!);

        string? rulesPath = options.GetValueOrDefault("--rules");
        string? catalogPath = options.GetValueOrDefault("--catalog");
        if (rulesPath is null || catalogPath is null)
        {
            string? data = FindSampleData();
            if (data is null) return Fail(stderr, "cannot find samples/data above the current or program directory; pass --rules and --catalog");
            rulesPath ??= Path.Combine(data, "retail-rules.json");
            catalogPath ??= Path.Combine(data, "catalog.json");
        }
        string store = options.GetValueOrDefault("--store") ?? DefaultStore;
        if (store.Length == 0) return Fail(stderr, "--store needs a store id");
        TimeProvider clock = TimeProvider.System;
        if (options.TryGetValue("--at", out string? atText))
        {
            if (!OffsetInstant().IsMatch(atText)
                || !DateTimeOffset.TryParse(atText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
                return Fail(stderr, $"--at '{atText}' is not an ISO-8601 instant with an offset, e.g. 2026-11-11T15:40:00+08:00");
            clock = new FixedClock(at);
        }
        int width = ReceiptRenderer.DefaultWidth;
        if (options.TryGetValue("--width", out string? widthText)
            && (!int.TryParse(widthText, NumberStyles.None, CultureInfo.InvariantCulture, out width) || width < ReceiptRenderer.MinimumWidth || width > 400))
            return Fail(stderr, $"--width must be a whole number from {ReceiptRenderer.MinimumWidth} to 400");

        RuleSetSnapshot snapshot;
        Catalog catalog;
        try
        {
            snapshot = RuleSetSnapshot.Load(rulesPath);
        }
        catch (PromoValidationException e)
        {
            return Invalidated(stderr, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(stderr, $"cannot read rules {rulesPath}: {e.Message}");
        }
        try
        {
            catalog = Catalog.Load(catalogPath);
        }
        catch (PromoValidationException e)
        {
            return Invalidated(stderr, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(stderr, $"cannot read catalog {catalogPath}: {e.Message}");
        }
        TillSession session;
        try
        {
            session = new TillSession(snapshot, catalog, new TillOptions { StoreId = store }, clock);
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return Invalid;
        }

        if (options.TryGetValue("--ledger", out string? ledgerSetting))
        {
            if (TillLedgers.Open(ledgerSetting) is not { } ledger)
                return Fail(stderr, "--ledger needs sqlite:<path> or redis:<configuration>");
            session.UseLedger(ledger);
        }

        if (options.TryGetValue("--script", out string? scriptPath))
        {
            StreamReader script;
            try
            {
                script = new StreamReader(scriptPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Fail(stderr, $"cannot read script {scriptPath}: {e.Message}");
            }
            using (script) return RunScript(session, script, stdout, stderr, width);
        }
        return interactive ? RunInteractive(session, stdin, stdout, width) : RunScript(session, stdin, stdout, stderr, width);
    }

    private static int RunScript(TillSession session, TextReader input, TextWriter stdout, TextWriter stderr, int width)
    {
        var commands = new TillCommands(session, width);
        int number = 0, errors = 0;
        bool printed = false;
        while (input.ReadLine() is { } line)
        {
            number++;
            var result = commands.Execute(line);
            if (result.Kind == CommandKind.Error)
            {
                errors++;
                stderr.WriteLine($"line {number}: {result.Message}");
            }
            else if (result.Kind == CommandKind.Print)
            {
                stdout.Write(result.Message);
                printed = true;
            }
            else if (result.Kind is CommandKind.Total or CommandKind.Quit) break;
        }
        // A script that only made refund slips has no sale to print.
        if (!(printed && session.Lines.Count == 0)) stdout.Write(ReceiptRenderer.Render(session.BuildReceipt(), width, "RECEIPT"));
        return errors == 0 ? Ok : Invalid;
    }

    private static int RunInteractive(TillSession session, TextReader input, TextWriter stdout, int width)
    {
        var commands = new TillCommands(session, width);
        string banner = $"PromoEngine till  store {session.StoreId}  rules {session.Snapshot}  (type help)";
        stdout.WriteLine(banner);
        while (true)
        {
            stdout.Write("> ");
            stdout.Flush();
            if (input.ReadLine() is not { } line)
            {
                stdout.WriteLine();
                return Ok;
            }
            var result = commands.Execute(line);
            switch (result.Kind)
            {
                case CommandKind.Changed:
                    Redraw(stdout);
                    stdout.WriteLine(banner);
                    stdout.Write(ReceiptRenderer.Render(session.BuildReceipt(), width));
                    stdout.WriteLine($"ok: {result.Message}");
                    break;
                case CommandKind.Show:
                    stdout.Write(ReceiptRenderer.Render(session.BuildReceipt(), width));
                    break;
                case CommandKind.Help:
                    stdout.WriteLine(result.Message);
                    break;
                case CommandKind.Print:
                    stdout.Write(result.Message);
                    break;
                case CommandKind.Nothing when result.Message.Length > 0:
                    stdout.WriteLine($"ok: {result.Message}");
                    break;
                case CommandKind.Error:
                    stdout.WriteLine($"error: {result.Message}");
                    break;
                case CommandKind.Total:
                    stdout.Write(ReceiptRenderer.Render(session.BuildReceipt(), width, "RECEIPT"));
                    return Ok;
                case CommandKind.Quit:
                    return Ok;
            }
        }
    }

    private static void Redraw(TextWriter stdout)
    {
        if (!ReferenceEquals(stdout, Console.Out) || Console.IsOutputRedirected) return;
        try
        {
            Console.Clear();
        }
        catch (IOException)
        {
            // not a real console: keep scrolling
        }
    }

    private static string? FindSampleData()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string data = Path.Combine(dir.FullName, "samples", "data");
                if (File.Exists(Path.Combine(data, "retail-rules.json")) && File.Exists(Path.Combine(data, "catalog.json"))) return data;
            }
        }
        return null;
    }

    private static bool TryParse(string[] args, out Dictionary<string, string> options, out string? problem)
    {
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        problem = null;
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (!Known.Contains(name))
            {
                problem = $"unknown argument '{name}'";
                return false;
            }
            if (i + 1 >= args.Length)
            {
                problem = $"{name} needs a value";
                return false;
            }
            if (!options.TryAdd(name, args[++i]))
            {
                problem = $"{name} given twice";
                return false;
            }
        }
        return true;
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        stderr.WriteLine("usage: PosConsole [--rules RULES.json] [--catalog CATALOG.json] [--store ID] [--at INSTANT] [--script FILE] [--width N]  (--help for more)");
        return Usage;
    }

    private static int Invalidated(TextWriter stderr, PromoValidationException e)
    {
        foreach (var error in e.Errors) stderr.WriteLine(error);
        return Invalid;
    }

    [GeneratedRegex(@"(Z|z|[+-]\d{2}:\d{2})$")]
    private static partial Regex OffsetInstant();
}
