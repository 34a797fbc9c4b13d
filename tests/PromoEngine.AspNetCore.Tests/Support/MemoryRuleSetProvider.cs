using System.Text;
using Microsoft.Extensions.Primitives;

namespace PromoEngine.AspNetCore.Tests.Support;

/// <summary>A custom rule-set source: a document in memory that signals its changes.</summary>
internal sealed class MemoryRuleSetProvider(string json) : IRuleSetProvider
{
    private byte[] _content = Encoding.UTF8.GetBytes(json);
    private CancellationTokenSource _changes = new();

    public Exception? ReadFailure { get; set; }

    public int Reads;

    public string Description => "memory";

    public ValueTask<byte[]> ReadAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Reads);
        return ReadFailure is { } failure ? ValueTask.FromException<byte[]>(failure) : ValueTask.FromResult(Volatile.Read(ref _content));
    }

    public IChangeToken Watch() => new CancellationChangeToken(Volatile.Read(ref _changes).Token);

    public void Set(string json)
    {
        Volatile.Write(ref _content, Encoding.UTF8.GetBytes(json));
        Interlocked.Exchange(ref _changes, new CancellationTokenSource()).Cancel();
    }
}

/// <summary>A clock that tests set.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
