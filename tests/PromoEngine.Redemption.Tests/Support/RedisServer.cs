using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PromoEngine.Redemption.Tests.Support;

/// <summary>
/// A real redis-server of the test run's own: started on a free loopback port with a temporary directory and
/// no persistence, stopped (and its directory removed) when disposed.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    /// <summary>Set to 1 (CI does) to make a missing redis-server a test failure instead of a skip.</summary>
    public const string RequireVariable = "PROMOENGINE_REQUIRE_REDIS";

    private readonly Process _process;
    private readonly string _directory;

    private RedisServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    /// <summary>The redis-server executable, or null when none is installed.</summary>
    public static string? Executable { get; } = Find();

    /// <summary>Whether a missing Redis must fail the run.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Why the Redis tests are skipped, or null when they run (Redis found, or required).</summary>
    public static string? SkipReason => Executable is null && !Required
        ? "SKIPPED: redis-server is not installed (looked at $PROMOENGINE_REDIS_SERVER, else on PATH and in /usr/bin, /usr/local/bin), so the Redis ledger " +
          $"contract tests did not run. Install it (apt-get install -y redis-server) or set {RequireVariable}=1 to make this a failure."
        : null;

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for it.</summary>
    public string Configuration => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=5000";

    /// <summary>Starts a server and waits until it answers.</summary>
    /// <exception cref="InvalidOperationException">redis-server is missing (and required) or does not start.</exception>
    public static async Task<RedisServer> StartAsync(params string[] extraArguments)
    {
        string executable = Executable ?? throw new InvalidOperationException(
            $"redis-server is required ({RequireVariable}=1) but is not installed: apt-get install -y redis-server");
        string directory = Directory.CreateTempSubdirectory("promoengine-redis-").FullName;
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort();
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["--port", port.ToString(), "--bind", "127.0.0.1", "--dir", directory,
                         "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes", .. extraArguments])
                start.ArgumentList.Add(argument);
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new RedisServer(process, directory, port);
            if (await server.AnswersAsync()) return server;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            // Another process may have taken the port between choosing and binding: try another.
            if (attempt == 4)
            {
                Directory.Delete(directory, recursive: true);
                throw new InvalidOperationException($"redis-server ({executable}) did not start on a loopback port");
            }
        }
    }

    /// <summary>Stops the server and removes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private async Task<bool> AnswersAsync()
    {
        for (int i = 0; i < 100; i++)
        {
            if (_process.HasExited) return false;
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var buffer = new byte[16];
                int read = await stream.ReadAsync(buffer);
                if (read > 0 && buffer[0] == (byte)'+') return true;
            }
            catch (SocketException)
            {
            }
            await Task.Delay(50);
        }
        return false;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Find()
    {
        // An explicit choice wins (and lets a developer check what happens when it is missing).
        if (Environment.GetEnvironmentVariable("PROMOENGINE_REDIS_SERVER") is { Length: > 0 } chosen)
            return File.Exists(chosen) ? chosen : null;
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/bin", "/usr/local/bin", "/usr/sbin"]);
        return directories.Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists);
    }
}
