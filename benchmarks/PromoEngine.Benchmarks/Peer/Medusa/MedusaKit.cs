using System.Text.Json;
using System.Text.Json.Nodes;
using PromoEngine.Benchmarks.Hosting;

namespace PromoEngine.Benchmarks.Peer.Medusa;

/// <summary>One promotion set as Medusa priced it: the times of its timed calls and the item adjustments of the last call.</summary>
public sealed record MedusaSetResult(string Name, int Promotions, double CreateMs, double[] TimesMs, MedusaAdjustment[] Adjustments)
{
    public double MedianMs => Percentile(50);
    public double Percentile(double p)
    {
        var sorted = TimesMs.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>One <c>addItemAdjustment</c> action: an unrounded amount (major units) on a line.</summary>
public sealed record MedusaAdjustment(string Item, string Code, double Amount);

/// <summary>
/// Medusa's promotion module, set up from the peer kit's files (<c>../shared/peers/medusa</c> beside the repository, or the folder
/// given by <c>--medusa-kit</c> or <c>MEDUSA_KIT</c>) in a throwaway work folder: <c>npm ci</c> there (nothing of
/// Medusa is kept in this repository), a private PostgreSQL cluster on a free loopback port, the module's
/// migrations, then <c>medusa-peer.js</c> (ours) times <c>computeActions</c>. The cluster is stopped and the
/// folder removed at the end.
/// </summary>
public sealed class MedusaKit : IDisposable
{
    /// <summary>The kit beside the repository (<c>../shared/peers/medusa</c>), else where this workplace keeps it.</summary>
    public static string DefaultKit
    {
        get
        {
            string beside = Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared", "peers", "medusa"));
            return Directory.Exists(beside) ? beside : "/work/shared/peers/medusa";
        }
    }
    private static readonly string[] PgSearch = ["/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin", "/usr/local/pgsql/bin"];

    private readonly string _work;
    private readonly string _pgBin;
    private readonly bool _asPostgresUser;
    private readonly bool _keep;
    private bool _pgStarted;

    public int Port { get; }
    public string NodeVersion { get; }
    public string DbUrl => $"postgres://postgres@127.0.0.1:{Port}/medusa_promo";

    private MedusaKit(string work, string pgBin, int port, string nodeVersion, bool keep)
    {
        _work = work;
        _pgBin = pgBin;
        Port = port;
        NodeVersion = nodeVersion;
        _keep = keep;
        _asPostgresUser = Environment.UserName == "root"; // initdb and postgres refuse to run as root
    }

    /// <summary>Copies the kit, installs it and starts Postgres with the module's tables. Prints what it does.</summary>
    public static MedusaKit SetUp(string kit, bool keep)
    {
        foreach (string file in new[] { "boot.js", "migrate.js", "package.json", "package-lock.json" })
            if (!File.Exists(Path.Combine(kit, file))) throw new FileNotFoundException($"the Medusa kit at {kit} has no {file} (--medusa-kit DIR chooses another)");
        string node = NodeVersionOrThrow();
        string pgBin = FindPostgres();
        string work = Repository.TempFolder("promoengine-medusa-");
        var medusa = new MedusaKit(work, pgBin, Repository.FreePort(), node, keep);
        try
        {
            Console.WriteLine($"medusa: work folder {work}; node {node}; postgres from {pgBin}");
            foreach (string file in Directory.EnumerateFiles(kit).Where(f => f.EndsWith(".js", StringComparison.Ordinal) || Path.GetFileName(f).StartsWith("package", StringComparison.Ordinal)))
                File.Copy(file, Path.Combine(work, Path.GetFileName(file)));
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Peer", "Medusa", "medusa-peer.js"), Path.Combine(work, "medusa-peer.js"));

            Console.WriteLine("medusa: npm ci (the kit's package-lock.json: @medusajs/promotion 2.21.2 and its dependencies)");
            var npm = ChildProcess.Run("npm", ["ci", "--no-audit", "--no-fund"], work, timeout: TimeSpan.FromMinutes(10));
            File.WriteAllText(Path.Combine(work, "npm-install.log"), npm.Stdout + npm.Stderr);
            npm.EnsureSuccess("npm ci");

            medusa.StartPostgres();
            Console.WriteLine("medusa: migrations");
            medusa.Node(["migrate.js"]).EnsureSuccess("node migrate.js");
            return medusa;
        }
        catch
        {
            medusa.Dispose();
            throw;
        }
    }

    /// <summary>Runs <c>medusa-peer.js</c> over the sets of <paramref name="workload"/> and returns each set's result.</summary>
    public IReadOnlyList<MedusaSetResult> Run(JsonObject workload)
    {
        string path = Path.Combine(_work, "workload.json");
        File.WriteAllText(path, workload.ToJsonString());
        var result = Node(["--expose-gc", "medusa-peer.js", path], TimeSpan.FromMinutes(30)).EnsureSuccess("node medusa-peer.js");
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        return result.Stdout.Split('\n').Where(l => l.StartsWith('{'))
            .Select(l => JsonSerializer.Deserialize<MedusaSetResult>(l, options)!).ToList();
    }

    private ChildResult Node(IEnumerable<string> args, TimeSpan? timeout = null) =>
        ChildProcess.Run("node", args, _work, new Dictionary<string, string> { ["DB_URL"] = DbUrl }, timeout: timeout ?? TimeSpan.FromMinutes(5));

    private void StartPostgres()
    {
        string data = Path.Combine(_work, "pgdata"), run = Path.Combine(_work, "pgrun");
        Directory.CreateDirectory(data);
        Directory.CreateDirectory(run);
        if (_asPostgresUser) ChildProcess.Run("chown", ["postgres:postgres", data, run]).EnsureSuccess("chown");
        Console.WriteLine($"medusa: private PostgreSQL cluster on 127.0.0.1:{Port}");
        Pg("initdb", ["-D", data, "-A", "trust", "-U", "postgres"]).EnsureSuccess("initdb");
        Pg("pg_ctl", ["-D", data, "-l", Path.Combine(run, "pg.log"), "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {run}", "-w", "start"]).EnsureSuccess("pg_ctl start");
        _pgStarted = true;
        Pg("psql", ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-qc", "create database medusa_promo"])
            .EnsureSuccess("create database");
    }

    private ChildResult Pg(string tool, string[] args)
    {
        string exe = Path.Combine(_pgBin, tool);
        return _asPostgresUser ? ChildProcess.Run("runuser", ["-u", "postgres", "--", exe, .. args], _work) : ChildProcess.Run(exe, args, _work);
    }

    private static string NodeVersionOrThrow()
    {
        ChildResult version;
        try
        {
            version = ChildProcess.Run("node", ["--version"]);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("node is not installed: the Medusa peer needs Node >= 20.19");
        }
        string v = version.Stdout.Trim();
        var parts = v.TrimStart('v').Split('.').Select(p => int.TryParse(p, out int n) ? n : 0).ToArray();
        if (parts.Length < 2 || parts[0] < 20 || (parts[0] == 20 && parts[1] < 19))
            throw new InvalidOperationException($"node {v} is too old: the Medusa peer needs Node >= 20.19");
        return v;
    }

    private static string FindPostgres()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("PG_BIN");
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (string dir in (fromEnv is null ? [] : new[] { fromEnv }).Concat(PgSearch).Concat(onPath))
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"))) return dir;
        throw new InvalidOperationException("PostgreSQL's initdb and pg_ctl were not found (apt-get install -y postgresql-15, or PG_BIN=DIR)");
    }

    public void Dispose()
    {
        if (_pgStarted)
        {
            try { Pg("pg_ctl", ["-D", Path.Combine(_work, "pgdata"), "-m", "fast", "-w", "stop"]); }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception) { Console.Error.WriteLine($"medusa: stopping postgres: {e.Message}"); }
            _pgStarted = false;
        }
        if (_keep) Console.WriteLine($"medusa: kept {_work}");
        else
        {
            try { Directory.Delete(_work, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Console.Error.WriteLine($"medusa: could not remove {_work}: {e.Message}"); }
        }
    }
}
