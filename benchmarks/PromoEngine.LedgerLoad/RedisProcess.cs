using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PromoEngine.LedgerLoad;

/// <summary>A redis-server of the load's own on a free loopback port, every write on disk (appendfsync always).</summary>
internal sealed class RedisProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;

    private RedisProcess(Process process, string dir, int port) { _process = process; _dir = dir; Port = port; }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisProcess> StartAsync()
    {
        string dir = Directory.CreateTempSubdirectory("ledger-load-redis-").FullName;
        int port = Ports.Free();
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var a in (string[])["--port", port.ToString(), "--bind", "127.0.0.1", "--dir", dir, "--save", "",
                     "--appendonly", "yes", "--appendfsync", "always", "--daemonize", "no"])
            start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        await Ports.WaitAsync(port);
        return new RedisProcess(process, dir, port);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) { _process.Kill(); await _process.WaitForExitAsync(); }
        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}

internal static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task WaitAsync(int port, int seconds = 60)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) { await Task.Delay(50); }
        }
        throw new TimeoutException($"nothing listens on 127.0.0.1:{port}");
    }
}
