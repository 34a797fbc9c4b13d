using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace PromoEngine.Benchmarks.Hosting;

/// <summary>
/// Where the things the benchmarks start live: the repository root (found from this program's folder),
/// and the builds of the <c>promo</c> tool and the OnlineCheckout sample, which the benchmark project
/// builds with itself (project references that only order the build).
/// </summary>
public static class Repository
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PromoEngine.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no PromoEngine.sln above {AppContext.BaseDirectory}: run the benchmarks from the repository");
    });

    public static string Root => LazyRoot.Value;

    /// <summary>The build configuration of this program (Release for measurements), also that of the tool and the sample.</summary>
    public static string Configuration =>
        typeof(Repository).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>The <c>promo</c> executable (apphost) as built with this program.</summary>
    public static string PromoTool => Existing(Path.Combine(Root, "src", "PromoEngine.Cli", "bin", Configuration, "net10.0", "promo"));

    /// <summary>The OnlineCheckout sample's assembly as built with this program.</summary>
    public static string OnlineCheckout => Existing(Path.Combine(Root, "samples", "OnlineCheckout", "bin", Configuration, "net10.0", "OnlineCheckout.dll"));

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A new folder under the system's temporary folder, readable by other users (Postgres runs as its own user).</summary>
    public static string TempFolder(string prefix)
    {
        var dir = Directory.CreateTempSubdirectory(prefix);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(dir.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return dir.FullName;
    }

    private static string Existing(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: build with `dotnet build -c {Configuration} benchmarks/PromoEngine.Benchmarks`", path);
}
