using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace PromoEngine.Benchmarks.Hosting;

/// <summary>The outcome of a finished child process: wall time, and CPU time (user + system, all its threads; null where unknown).</summary>
public sealed record ChildResult(int ExitCode, TimeSpan Elapsed, TimeSpan? Cpu, string Stdout, string Stderr)
{
    /// <summary>Throws with the command's stderr (its last lines) unless it exited with 0.</summary>
    public ChildResult EnsureSuccess(string what)
    {
        if (ExitCode == 0) return this;
        string tail = string.Join('\n', (Stderr.Length > 0 ? Stderr : Stdout).Split('\n').TakeLast(20));
        throw new InvalidOperationException($"{what} failed with exit code {ExitCode}:\n{tail}");
    }
}

/// <summary>Runs programs the benchmarks need (dotnet, promo, node, npm, Postgres' tools) and waits for them.</summary>
public static class ChildProcess
{
    /// <summary>
    /// Runs <paramref name="file"/> to completion. Standard output is kept unless <paramref name="discardStdout"/>
    /// (it is then read and dropped, so that a large output costs the child only the pipe).
    /// </summary>
    public static ChildResult Run(string file, IEnumerable<string> args, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null, bool discardStdout = false, TimeSpan? timeout = null)
    {
        using var process = new Process { StartInfo = StartInfo(file, args, workingDirectory, environment) };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var cpuBefore = ChildrenCpu();
        var clock = Stopwatch.StartNew();
        process.Start();
        var readOut = discardStdout
            ? process.StandardOutput.BaseStream.CopyToAsync(Stream.Null)
            : Task.Run(async () => stdout.Append(await process.StandardOutput.ReadToEndAsync()));
        var readErr = Task.Run(async () => stderr.Append(await process.StandardError.ReadToEndAsync()));
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in time");
        }
        process.WaitForExit();
        var elapsed = clock.Elapsed;
        var cpu = ChildrenCpu() - cpuBefore;
        Task.WaitAll(readOut, readErr);
        return new ChildResult(process.ExitCode, elapsed, cpu, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// CPU time of every child this process has waited for (getrusage RUSAGE_CHILDREN, Linux): the difference
    /// around one <see cref="Run"/> is that child's CPU time, which load from other processes inflates much
    /// less than wall time. Null elsewhere.
    /// </summary>
    public static TimeSpan? ChildrenCpu()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            var usage = new RUsage();
            if (getrusage(-1, ref usage) != 0) return null;
            long micros = (usage.UserSec + usage.SystemSec) * 1_000_000 + usage.UserMicros + usage.SystemMicros;
            return TimeSpan.FromMicroseconds(micros);
        }
        catch (DllNotFoundException) { return null; }
        catch (EntryPointNotFoundException) { return null; }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSec, UserMicros, SystemSec, SystemMicros;
        // ru_maxrss … ru_nivcsw: 14 longs the measurement does not need.
        public long M0, M1, M2, M3, M4, M5, M6, M7, M8, M9, M10, M11, M12, M13;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, ref RUsage usage);

    /// <summary>Starts a long-running child (a service); the caller stops it with <see cref="Stop"/>.</summary>
    public static Process Start(string file, IEnumerable<string> args, string? workingDirectory, IReadOnlyDictionary<string, string>? environment,
        Action<string>? onOutputLine = null)
    {
        var process = new Process { StartInfo = StartInfo(file, args, workingDirectory, environment), EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) onOutputLine?.Invoke(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) onOutputLine?.Invoke(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Ends a child started by <see cref="Start"/> (and its children) and waits for it.</summary>
    public static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException) { } // already gone
    }

    private static ProcessStartInfo StartInfo(string file, IEnumerable<string> args, string? workingDirectory, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string arg in args) info.ArgumentList.Add(arg);
        // The children are measured, not the SDK's first-run experience or telemetry.
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        if (environment is not null)
            foreach (var (key, value) in environment) info.Environment[key] = value;
        return info;
    }
}
