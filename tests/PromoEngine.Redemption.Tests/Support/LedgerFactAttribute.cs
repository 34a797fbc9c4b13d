using Xunit.Abstractions;
using Xunit.Sdk;

namespace PromoEngine.Redemption.Tests.Support;

/// <summary>
/// A fact of the ledger contract. In a test class marked <see cref="RequiresRedisAttribute"/> it is skipped,
/// with a reason that says so loudly, when redis-server is missing and not required.
/// </summary>
[XunitTestCaseDiscoverer("PromoEngine.Redemption.Tests.Support.LedgerFactDiscoverer", "PromoEngine.Redemption.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class LedgerFactAttribute : FactAttribute;

/// <summary>The test class runs against a real redis-server.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresRedisAttribute : Attribute;

/// <summary>Finds <see cref="LedgerFactAttribute"/> tests, skipping the Redis ones when Redis is missing and not required.</summary>
public sealed class LedgerFactDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    private static int _told;

    /// <inheritdoc/>
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        bool needsRedis = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresRedisAttribute)).Any();
        if (needsRedis && RedisServer.SkipReason is { } reason)
        {
            // Once per run, in the run's output (xunit.runner.json turns diagnostic messages on).
            if (Interlocked.Exchange(ref _told, 1) == 0) diagnostics.OnMessage(new DiagnosticMessage(reason));
            return [new XunitSkippedDataRowTestCase(diagnostics, display, displayOptions, testMethod, reason)];
        }
        return [new XunitTestCase(diagnostics, display, displayOptions, testMethod)];
    }
}
