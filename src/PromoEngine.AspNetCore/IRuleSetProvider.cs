using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace PromoEngine.AspNetCore;

/// <summary>
/// Where the rule set comes from. The default is <see cref="FileRuleSetProvider"/> (the file named by
/// <see cref="PromoEngineOptions.RuleSetPath"/>); register another implementation to load rule sets from
/// elsewhere (a database, a blob store, a configuration service).
/// </summary>
/// <remarks>
/// The adapter reads the rule set at start-up, whenever <see cref="Watch"/> signals a change, and every
/// <see cref="PromoEngineOptions.PollInterval"/>. Content that hashes the same as the rule set being served
/// is not compiled again, so reading often is cheap.
/// </remarks>
public interface IRuleSetProvider
{
    /// <summary>A human-readable name of the source, for logs (e.g. the file path).</summary>
    string Description { get; }

    /// <summary>Reads the current rule-set document (UTF-8 JSON).</summary>
    /// <exception cref="IOException">The document cannot be read now; the adapter keeps the rule set it has.</exception>
    ValueTask<byte[]> ReadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A token that fires when the rule set may have changed. The default implementation never fires
    /// (polling alone notices changes).
    /// </summary>
    IChangeToken Watch() => NullChangeToken.Singleton;
}
