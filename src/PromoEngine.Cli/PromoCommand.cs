using System.Reflection;
using System.Text;
using PromoEngine;
using PromoEngine.Loading;
using PromoEngine.Returns;

namespace PromoEngine.Cli;

/// <summary>
/// The <c>promo</c> command line (spec §8, §13). Exit 0 on success, 2 for invalid rules, carts, results or
/// returns (errors on stderr, path first, nothing on stdout), 1 for bad arguments or unreadable files.
/// </summary>
public static class PromoCommand
{
    /// <summary>Exit status for success.</summary>
    public const int Ok = 0;
    /// <summary>Exit status for bad arguments or unreadable files.</summary>
    public const int Usage = 1;
    /// <summary>Exit status for invalid input.</summary>
    public const int Invalid = 2;

    private const string Help = """
        promo — price shopping carts with PromoEngine

        usage:
          promo price --rules RULES.json --cart CART.json      print the priced result (JSON)
          promo price --rules RULES.json --carts CARTS.jsonl   price one cart per line, one result per line
          promo validate --rules RULES.json                    print "ok" when the rule set is valid
          promo return --result RESULT.json --returns RETURNS.json
                                                               print the refund of a return (JSON) against the
                                                               result that `promo price` printed for the order
          promo --version                                      print the version of promo and its engine

        `--cart -` and `--carts -` read the cart(s) from standard input.

        exit status: 0 ok, 1 bad arguments or unreadable file, 2 invalid rules, cart, result or returns
        (errors on stderr)
        """;

    /// <summary>The name of a file that stands for standard input.</summary>
    public const string StandardInput = "-";

    /// <summary>Runs the command with <paramref name="args"/>, writing to the given streams; standard input is empty.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, Stream.Null, stdout, stderr);

    /// <summary>Runs the command with <paramref name="args"/>, reading <c>-</c> from <paramref name="stdin"/> and writing to the given streams.</summary>
    public static int Run(string[] args, Stream stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        stdout.NewLine = "\n";
        stderr.NewLine = "\n";
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(Help);
            return args.Length == 0 ? Usage : Ok;
        }
        if (args[0] is "--version" or "version")
        {
            if (args.Length > 1) return Fail(stderr, "--version takes no arguments");
            stdout.WriteLine(VersionText);
            return Ok;
        }
        if (!TryParseOptions(args.AsSpan(1), out var options, out string? problem))
            return Fail(stderr, problem!);
        try
        {
            return args[0] switch
            {
                "price" => Price(options, stdin, stdout, stderr),
                "validate" => Validate(options, stdout, stderr),
                "return" => Return(options, stdout, stderr),
                _ => Fail(stderr, $"unknown command '{args[0]}'"),
            };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug of ours, not of the input: say so in one line, never with a stack trace, never with a price.
            stderr.WriteLine($"promo: internal error: {e.Message}");
            return Usage;
        }
    }

    /// <summary>
    /// What <c>promo --version</c> prints: <c>promo VERSION (engine VERSION)</c>, each the informational version
    /// of its assembly (the package version, and the commit it was built from when known).
    /// </summary>
    public static string VersionText =>
        $"promo {InformationalVersion(typeof(PromoCommand).Assembly)} (engine {InformationalVersion(typeof(PricingEngine).Assembly)})";

    private static string InformationalVersion(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString() ?? "unknown";

    private static int Validate(Dictionary<string, string> options, TextWriter stdout, TextWriter stderr)
    {
        if (options.Keys.Any(k => k != "--rules")) return Fail(stderr, "validate takes only --rules");
        if (!options.TryGetValue("--rules", out string? rulesPath)) return Fail(stderr, "validate needs --rules RULES.json");
        if (!TryLoad(rulesPath, stderr, out _, out int status)) return status;
        stdout.WriteLine("ok");
        return Ok;
    }

    private static int Return(Dictionary<string, string> options, TextWriter stdout, TextWriter stderr)
    {
        if (options.Keys.Any(k => k is not ("--result" or "--returns"))) return Fail(stderr, "return takes only --result and --returns");
        if (!options.TryGetValue("--result", out string? resultPath)) return Fail(stderr, "return needs --result RESULT.json");
        if (!options.TryGetValue("--returns", out string? returnsPath)) return Fail(stderr, "return needs --returns RETURNS.json");
        if (!TryRead(resultPath, stderr, out byte[] resultBytes)) return Usage;
        if (!TryRead(returnsPath, stderr, out byte[] returnsBytes)) return Usage;
        try
        {
            string resultJson = Utf8Document.Decode(resultBytes, ReturnPricing.ResultDocument);
            string returnsJson = Utf8Document.Decode(returnsBytes, ReturnPricing.ReturnsDocument);
            stdout.WriteLine(ReturnPricing.PriceJson(resultJson, returnsJson, indented: true));
            return Ok;
        }
        catch (PromoValidationException e)
        {
            return Report(stderr, e.Errors);
        }
    }

    private static int Price(Dictionary<string, string> options, Stream stdin, TextWriter stdout, TextWriter stderr)
    {
        if (options.Keys.Any(k => k is not ("--rules" or "--cart" or "--carts"))) return Fail(stderr, "price takes --rules and one of --cart or --carts");
        if (!options.TryGetValue("--rules", out string? rulesPath)) return Fail(stderr, "price needs --rules RULES.json");
        bool single = options.TryGetValue("--cart", out string? cartPath);
        bool many = options.TryGetValue("--carts", out string? cartsPath);
        if (single == many) return Fail(stderr, "price needs exactly one of --cart CART.json or --carts CARTS.jsonl");
        string cartSource = single ? cartPath! : cartsPath!;
        byte[] cartBytes;
        if (cartSource == StandardInput) cartBytes = ReadAll(stdin);
        else if (!TryRead(cartSource, stderr, out cartBytes)) return Usage;
        if (!TryLoad(rulesPath, stderr, out var rules, out int status)) return status;
        var engine = rules!.Engine;
        string cartText;
        try
        {
            cartText = Utf8Document.Decode(cartBytes, ValidationError.Cart); // as strict as the rule set and the online service
        }
        catch (PromoValidationException e)
        {
            return Report(stderr, e.Errors);
        }

        if (single)
        {
            try
            {
                stdout.WriteLine(engine.PriceJson(cartText, indented: true));
                return Ok;
            }
            catch (PromoValidationException e)
            {
                return Report(stderr, e.Errors);
            }
        }

        // Every cart is priced (and so validated) before anything is printed; the results wait in a spool.
        ResultSpool spool;
        try
        {
            spool = new ResultSpool();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(stderr, $"cannot create a temporary file for the results in {Path.GetTempPath()}: {e.Message}");
        }
        using var spooled = spool;
        var buffer = new PricingResultBuffer();
        var failures = new StringBuilder();
        string[] lines = cartText.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0) continue; // blank lines (a trailing newline) carry no cart
            try
            {
                engine.Price(engine.ReadCartToPrice(line), buffer);
                if (failures.Length == 0) spool.Add(buffer); // once a cart is invalid nothing will be printed
            }
            catch (PromoValidationException e)
            {
                foreach (var error in e.Errors)
                    failures.Append(error.Path).Append(" (cart line ").Append(i + 1).Append("): ").Append(error.Message).Append('\n');
            }
        }
        if (failures.Length > 0)
        {
            stderr.Write(failures.ToString());
            return Invalid;
        }
        spool.CopyTo(stdout);
        return Ok;
    }

    private static int Report(TextWriter stderr, IReadOnlyList<ValidationError> errors)
    {
        foreach (var error in errors) stderr.WriteLine(error.ToString());
        return Invalid;
    }

    private static bool TryParseOptions(ReadOnlySpan<string> args, out Dictionary<string, string> options, out string? problem)
    {
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        problem = null;
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal)) { problem = $"unexpected argument '{name}'"; return false; }
            if (i + 1 >= args.Length) { problem = $"{name} needs a value"; return false; }
            if (!options.TryAdd(name, args[++i])) { problem = $"{name} is given twice"; return false; }
        }
        return true;
    }

    /// <summary>The rule-set file loaded by the core loader, as the online service and the till load it.</summary>
    private static bool TryLoad(string path, TextWriter stderr, out RuleSetFile? rules, out int status)
    {
        rules = null;
        status = Ok;
        try
        {
            rules = RuleSetFile.Load(path);
            return true;
        }
        catch (PromoValidationException e)
        {
            status = Report(stderr, e.Errors);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"promo: cannot read '{path}': {e.Message}");
            status = Usage;
        }
        return false;
    }

    private static bool TryRead(string path, TextWriter stderr, out byte[] bytes)
    {
        try
        {
            bytes = File.ReadAllBytes(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"promo: cannot read '{path}': {e.Message}");
            bytes = [];
            return false;
        }
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"promo: {message}");
        stderr.WriteLine("run 'promo --help' for usage");
        return Usage;
    }
}
