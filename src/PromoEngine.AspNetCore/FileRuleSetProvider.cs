using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;

namespace PromoEngine.AspNetCore;

/// <summary>Reads the rule set from a file and watches it with a <see cref="FileSystemWatcher"/>.</summary>
public sealed class FileRuleSetProvider : IRuleSetProvider, IDisposable
{
    private readonly object _gate = new();
    private readonly ILogger _logger;
    private FileSystemWatcher? _watcher;
    private bool _watcherFailed;
    private bool _disposed;
    private CancellationTokenSource? _changeSource;

    /// <summary>Creates a provider for the file at <paramref name="path"/>.</summary>
    /// <param name="path">The rule-set file; a relative path is taken relative to the current directory.</param>
    /// <param name="logger">Where watcher problems are logged; none when <see langword="null"/>.</param>
    public FileRuleSetProvider(string path, ILogger<FileRuleSetProvider>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FilePath = System.IO.Path.GetFullPath(path);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The full path of the rule-set file.</summary>
    public string FilePath { get; }

    /// <inheritdoc />
    public string Description => FilePath;

    /// <inheritdoc />
    public async ValueTask<byte[]> ReadAsync(CancellationToken cancellationToken) =>
        await File.ReadAllBytesAsync(FilePath, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// A token that fires when the file is created, written, renamed or deleted. If no watcher can be
    /// set up (missing directory, no inotify instances left), the token never fires and polling alone
    /// notices changes.
    /// </summary>
    public IChangeToken Watch()
    {
        lock (_gate)
        {
            // Consumers re-register from watcher threads, possibly while the host is shutting down:
            // after disposal there is simply nothing more to watch.
            if (_disposed) return NullChangeToken.Singleton;
            EnsureWatcher();
            if (_watcher is null) return NullChangeToken.Singleton;
            _changeSource ??= new CancellationTokenSource();
            return new CancellationChangeToken(_changeSource.Token);
        }
    }

    /// <summary>Stops watching the file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _watcher?.Dispose();
            _watcher = null;
            _changeSource = null;
        }
    }

    private void EnsureWatcher()
    {
        if (_watcher is not null || _watcherFailed) return;
        try
        {
            string directory = System.IO.Path.GetDirectoryName(FilePath)!;
            var watcher = new FileSystemWatcher(directory, System.IO.Path.GetFileName(FilePath))
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                IncludeSubdirectories = false,
            };
            watcher.Changed += OnChanged;
            watcher.Created += OnChanged;
            watcher.Deleted += OnChanged;
            watcher.Renamed += OnChanged;
            watcher.Error += OnError;
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            // Polling still notices changes; say once why the watcher is missing.
            _watcherFailed = true;
            _logger.LogWarning(e, "Cannot watch rule-set file {Path}; relying on polling only", FilePath);
        }
    }

    private void OnError(object sender, ErrorEventArgs e)
    {
        _logger.LogWarning(e.GetException(), "Rule-set file watcher for {Path} reported an error", FilePath);
        Signal();
    }

    private void OnChanged(object sender, FileSystemEventArgs e) => Signal();

    private void Signal()
    {
        CancellationTokenSource? source;
        lock (_gate)
        {
            source = _changeSource;
            _changeSource = null;
        }
        if (source is null) return;
        try
        {
            // Not disposed: a consumer may still be registering on its token; it holds no timer.
            source.Cancel();
        }
        catch (AggregateException e)
        {
            // A consumer's callback failed. This runs on a watcher thread, where an exception would end the process.
            _logger.LogError(e, "A change callback for rule-set file {Path} failed", FilePath);
        }
    }
}
