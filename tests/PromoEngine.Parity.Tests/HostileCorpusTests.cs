using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PromoEngine.Loading;
using PromoEngine.Pos;
using PromoEngine.Results;

namespace PromoEngine.Parity.Tests;

/// <summary>
/// Issue #11: a corpus of hostile documents (Hostile/: lone surrogates in every kind of string and in names,
/// NUL and escape sequences in ids, exponents, huge and over-precise numbers, deep nesting, BOMs, UTF-16,
/// truncated JSON, duplicate properties, …) goes through every front end — the library, <c>promo</c> as a
/// process, the online service on a real Kestrel server (<c>/v1/validate</c>, <c>/v1/quote</c>) and the till
/// (PosConsole as a process for rule sets and catalogs; a <see cref="TillSession"/> for the cart values a till
/// takes) — and each answers alike: the same price, or the same located refusal (document, path, message and,
/// where the front end gives it, code). Never a 5xx, a crash, an "internal error" or a stack trace.
/// Hostile/expected.txt pins what the library answers, so the corpus cannot pass by everything agreeing on
/// something wrong.
/// </summary>
public sealed class HostileCorpusTests(HostileCorpusTests.Service service) : IClassFixture<HostileCorpusTests.Service>
{
    private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "Hostile");
    private static readonly DateTimeOffset At = new(2026, 11, 11, 15, 40, 0, TimeSpan.FromHours(8));

    public static TheoryData<string> Files() => new(Expected.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void Every_file_of_the_corpus_is_expected_and_every_expectation_has_its_file()
    {
        var files = new[] { "rules", "carts", "catalogs" }
            .SelectMany(kind => Directory.GetFiles(Path.Combine(Corpus, kind), "*.json").Select(f => $"{kind}/{Path.GetFileName(f)}"));
        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), files.Order(StringComparer.Ordinal));
        Assert.True(Expected.Count >= 120, $"only {Expected.Count} hostile documents");
        Assert.Contains(Expected.Values, e => e.Outcome.Contains("invalidString", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_front_end_answers_a_hostile_document_alike(string file)
    {
        var (expected, till) = Expected[file];
        byte[] bytes = File.ReadAllBytes(Path.Combine(Corpus, file));
        string kind = file[..file.IndexOf('/')];
        var answers = new List<(string FrontEnd, Answer Answer)>();

        var library = kind switch
        {
            "rules" => Library(() => { RuleSetFile.FromBytes(bytes); return "valid"; }),
            "carts" => Library(() => service.Engine.PriceJson(Utf8Document.Decode(bytes, ValidationError.Cart))),
            _ => Library(() => { Catalog.Load(Path.Combine(Corpus, file)); return "valid"; }),
        };
        Assert.Equal(expected, library.Summary(kind));

        string path = Path.Combine(Corpus, file);
        if (kind == "rules")
        {
            answers.Add(("promo validate", Promo(service.Engine, kind, "validate", "--rules", path)));
            answers.Add(("POST /v1/validate", await Http("/v1/validate", bytes)));
            answers.Add(("PosConsole --rules", Till("--rules", path, "--catalog", service.CatalogPath)));
        }
        else if (kind == "carts")
        {
            answers.Add(("promo price", Promo(service.Engine, kind, "price", "--rules", service.RulesPath, "--cart", path)));
            answers.Add(("POST /v1/quote", await Http("/v1/quote", bytes)));
            if (till) answers.Add(("TillSession", RingUp(bytes)));
        }
        else
        {
            answers.Add(("PosConsole --catalog", Till("--rules", service.RulesPath, "--catalog", path)));
        }

        foreach (var (frontEnd, answer) in answers)
        {
            Assert.True(answer.Crash is null, $"{file}: {frontEnd} crashed: {answer.Crash}");
            Assert.Equal((file, frontEnd, library.Priced, string.Join("\n", library.Lines)), (file, frontEnd, answer.Priced, string.Join("\n", answer.Lines)));
            if (answer.Codes is { } codes) Assert.Equal((file, frontEnd, string.Join(", ", library.Codes!)), (file, frontEnd, string.Join(", ", codes)));
        }
        Assert.True(service.Logged.IsEmpty, $"{file}: the service logged {string.Join("\n", service.Logged)}");
    }

    /// <summary>What a front end answered: a price (or "valid"), or refusal lines <c>PATH (DOCUMENT): MESSAGE</c>.</summary>
    private sealed record Answer(string? Priced, IReadOnlyList<string> Lines, IReadOnlyList<string>? Codes, string? Crash = null)
    {
        public string Summary(string kind) =>
            Priced is not null ? (kind == "carts" ? "priced" : "valid") : string.Join(", ", Lines.Zip(Codes!, (line, code) => $"{line[..line.IndexOf(" (", StringComparison.Ordinal)]} {code}"));
    }

    private static Answer Refused(IEnumerable<ValidationError> errors) =>
        new(null, errors.Select(e => e.ToString()).ToArray(), errors.Select(e => e.Code).ToArray());

    private static Answer Library(Func<string> run)
    {
        try
        {
            return new Answer(run(), [], null);
        }
        catch (PromoValidationException e)
        {
            return Refused(e.Errors);
        }
        catch (Exception e)
        {
            return new Answer(null, [], null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary><c>promo</c> as a process: exit 0 with the result (carts: the compact JSON it indents), or 2 with one error per line.</summary>
    private static Answer Promo(PricingEngine engine, string kind, params string[] args)
    {
        var (exit, stdout, stderr) = Process("promo.dll", args);
        if (Crashed(exit, stderr) is { } crash) return new Answer(null, [], null, crash);
        if (exit == 0)
        {
            if (kind == "rules") return new Answer(stdout == "ok\n" ? "valid" : $"unexpected output {stdout}", [], null);
            // promo prints the result indented: compare it as the compact JSON the library writes.
            return new Answer(Compact(stdout), [], null);
        }
        return exit == 2 && stdout.Length == 0 ? new Answer(null, Lines(stderr), null) : new Answer(null, [], null, $"exit {exit}: {stdout}{stderr}");
    }

    private async Task<Answer> Http(string path, byte[] body)
    {
        var (status, text) = await service.Server.PostAsync(path, body);
        if (status == 200)
        {
            if (path == "/v1/quote") return new Answer(text, [], null);
            using var ok = JsonDocument.Parse(text);
            return new Answer(ok.RootElement.GetProperty("status").GetString() == "ok" ? "valid" : text, [], null);
        }
        if (status != 400) return new Answer(null, [], null, $"HTTP {status}: {text}");
        using var problem = JsonDocument.Parse(text);
        var errors = problem.RootElement.GetProperty("errors").EnumerateArray().ToList();
        var lines = errors.Select(e => $"{e.GetProperty("path").GetString()} ({e.GetProperty("document").GetString()}): {e.GetProperty("message").GetString()}").ToArray();
        // The codes, when the service's problem details carry them.
        string[]? codes = errors.All(e => e.TryGetProperty("code", out _)) ? errors.Select(e => e.GetProperty("code").GetString()!).ToArray() : null;
        return new Answer(null, lines, codes);
    }

    /// <summary>PosConsole as a process over an empty script: exit 0 with a receipt, or 2 with the errors of the document.</summary>
    private Answer Till(params string[] args)
    {
        var (exit, stdout, stderr) = Process("PosConsole.dll",
            [.. args, "--store", "SH-001", "--at", "2026-11-11T15:40:00+08:00", "--script", service.EmptyScriptPath]);
        if (Crashed(exit, stderr) is { } crash) return new Answer(null, [], null, crash);
        if (exit == 0) return new Answer(stdout.Contains("RECEIPT", StringComparison.Ordinal) ? "valid" : $"no receipt: {stdout}", [], null);
        return exit == 2 && stdout.Length == 0 ? new Answer(null, Lines(stderr), null) : new Answer(null, [], null, $"exit {exit}: {stdout}{stderr}");
    }

    /// <summary>
    /// The cart rung up at a till of the base rules and catalog, as a cashier would take it: each line scanned by SKU,
    /// the member, the coupons and the points. Strings are read as the JSON escapes them, lone surrogates included,
    /// as an application handing the till such text would hold them.
    /// </summary>
    private Answer RingUp(byte[] bytes)
    {
        using var cart = JsonDocument.Parse(bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes[3..] : bytes);
        var root = cart.RootElement;
        try
        {
            var session = new TillSession(service.Engine, service.Catalog,
                new TillOptions { StoreId = RawText(root.GetProperty("storeId")) }, new Pos.FixedClock(At));
            Assert.Equal(At, root.GetProperty("at").GetDateTimeOffset());
            foreach (var line in root.GetProperty("lines").EnumerateArray())
                session.Scan(RawText(line.GetProperty("sku")), line.GetProperty("quantity").GetInt64());
            if (root.TryGetProperty("customer", out var customer))
            {
                session.IdentifyMember(RawText(customer.GetProperty("id")),
                    customer.TryGetProperty("tier", out var tier) ? RawText(tier) : null, (long)customer.GetProperty("points").GetDecimal());
            }
            foreach (var coupon in root.TryGetProperty("coupons", out var coupons) ? coupons.EnumerateArray() : default)
                session.AddCoupon(RawText(coupon.GetProperty("code")), RawText(coupon.GetProperty("couponId")));
            if (root.TryGetProperty("usePoints", out var points)) session.UsePoints(points.GetInt64());
            return new Answer(ResultJson.Write(session.Result!), [], null);
        }
        catch (TillException e) when (e.Errors.Count > 0)
        {
            return Refused(e.Errors);
        }
        catch (TillException e)
        {
            return new Answer(null, [$"the till refused: {e.Message}"], null);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            return new Answer(null, [], null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>A JSON string's text with its escapes undone one by one, so a lone surrogate stays one.</summary>
    private static string RawText(JsonElement value)
    {
        string raw = Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(value));
        raw = raw[1..^1];
        var text = new StringBuilder(raw.Length);
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '\\')
            {
                text.Append(raw[i]);
                continue;
            }
            char c = raw[++i];
            text.Append(c switch
            {
                'u' => (char)int.Parse(raw.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'b' => '\b',
                'f' => '\f',
                _ => c,
            });
            if (c == 'u') i += 4;
        }
        return text.ToString();
    }

    private static string? Crashed(int exit, string stderr)
    {
        foreach (string sign in new[] { "Unhandled exception", "internal error", "   at ", "Exception:" })
            if (stderr.Contains(sign, StringComparison.Ordinal)) return $"exit {exit}, stderr shows '{sign}': {stderr}";
        return exit is 0 or 2 ? null : $"exit {exit}: {stderr}";
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string Compact(string json)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            document.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static (int Exit, string Stdout, string Stderr) Process(string dll, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{dll} did not finish in 60 s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>expected.txt: each file, what the library answers for it, and whether the till rings it up.</summary>
    private static readonly Dictionary<string, (string Outcome, bool Till)> Expected = File.ReadAllLines(Path.Combine(Corpus, "expected.txt"))
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .Select(line => (Name: line[..line.IndexOf(": ", StringComparison.Ordinal)], Outcome: line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..]))
        .ToDictionary(
            e => e.Name.Replace(" [till]", "", StringComparison.Ordinal),
            e => (e.Outcome, e.Name.EndsWith(" [till]", StringComparison.Ordinal)),
            StringComparer.Ordinal);

    /// <summary>The online service serving the base rule set, and the till's base files.</summary>
    public sealed class Service : IAsyncLifetime
    {
        private readonly LogSink _logs = new();

        public string RulesPath { get; } = Path.Combine(Corpus, "base-rules.json");
        public string CatalogPath { get; } = Path.Combine(Corpus, "base-catalog.json");
        public string EmptyScriptPath { get; } = Path.Combine(Path.GetTempPath(), $"hostile-{Guid.NewGuid():N}.till");
        public PricingEngine Engine { get; private set; } = null!;
        public Catalog Catalog { get; private set; } = null!;
        internal QuoteServer Server { get; private set; } = null!;

        /// <summary>Warnings and errors the service logged, with any exception: a hostile request must log none.</summary>
        public ConcurrentQueue<string> Logged => _logs.Entries;

        public async Task InitializeAsync()
        {
            File.WriteAllText(EmptyScriptPath, "");
            Engine = RuleSetFile.Load(RulesPath).Engine;
            Catalog = Catalog.Load(CatalogPath);
            Server = await QuoteServer.StartAsync(File.ReadAllText(RulesPath), _logs);
            _logs.Entries.Clear();   // what the service says at start (e.g. that no API key is set) is no request's
        }

        public async Task DisposeAsync()
        {
            await Server.DisposeAsync();
            File.Delete(EmptyScriptPath);
        }
    }

    /// <summary>Keeps what the service logs at Warning or above.</summary>
    private sealed class LogSink : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) Entries.Enqueue($"{logLevel}: {formatter(state, exception)}{(exception is null ? "" : $" ({exception.GetType().Name})")}");
        }

        public void Dispose()
        {
        }
    }
}
