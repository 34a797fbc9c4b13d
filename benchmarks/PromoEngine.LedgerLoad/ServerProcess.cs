using System.Diagnostics;

namespace PromoEngine.LedgerLoad;

/// <summary>One online server process (this program's <c>serve</c> mode), which the load can kill with SIGKILL.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private Process _process;
    private readonly ProcessStartInfo _start;

    private ServerProcess(ProcessStartInfo start, int port)
    {
        _start = start;
        Port = port;
        _process = null!;
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public static async Task<ServerProcess> StartAsync(string rulesPath, string ledger, TimeSpan ttl)
    {
        int port = Ports.Free();
        string self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        foreach (var a in (string[])["serve", rulesPath, ledger, port.ToString(), ((int)ttl.TotalSeconds).ToString()]) start.ArgumentList.Add(a);
        var server = new ServerProcess(start, port);
        await server.RestartAsync();
        return server;
    }

    /// <summary>kill -9: no shutdown, no flush, nothing finished.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false); // SIGKILL on Linux
        await _process.WaitForExitAsync();
    }

    public async Task RestartAsync()
    {
        _process = Process.Start(_start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine($"  [server {Port}] {line}"); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Ports.WaitAsync(Port);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }
}
