using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PromoEngine.AspNetCore.Tests.Support;

namespace PromoEngine.AspNetCore.Tests;

public sealed class RuleSetManagerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 11, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Reload_loads_skips_unchanged_content_rejects_invalid_content_once_and_keeps_the_old_snapshot()
    {
        var provider = new MemoryRuleSetProvider(TestData.Rules("v1"));
        var clock = new ManualTimeProvider(T0);
        var manager = new RuleSetManager(provider, clock, NullLogger<RuleSetManager>.Instance);
        Assert.Null(manager.Current);

        Assert.Equal(RuleSetReloadOutcome.Loaded, await manager.ReloadAsync());
        var v1 = manager.Current!;
        Assert.Equal(("aspnet-test", "v1", T0, "memory"), (v1.Id, v1.Version, v1.LoadedAt, v1.Source));

        clock.Now = T0.AddMinutes(1);
        Assert.Equal(RuleSetReloadOutcome.Unchanged, await manager.ReloadAsync());
        Assert.Same(v1, manager.Current);

        provider.Set(TestData.InvalidRules);
        Assert.Equal(RuleSetReloadOutcome.Rejected, await manager.ReloadAsync());
        Assert.Same(v1, manager.Current);
        Assert.Equal(T0.AddMinutes(1), manager.LastError!.At);
        Assert.Equal(3, manager.LastError.Errors.Count);
        Assert.Equal(RuleSetReloadOutcome.Unchanged, await manager.ReloadAsync());

        provider.Set(TestData.Rules("v2", percentOff: 50));
        Assert.Equal(RuleSetReloadOutcome.Loaded, await manager.ReloadAsync());
        Assert.Equal("v2", manager.Current!.Version);
        Assert.Equal(T0.AddMinutes(1), manager.Current.LoadedAt);
        Assert.Null(manager.LastError);

        // A request that took the v1 snapshot before the swap still prices with v1.
        Assert.Contains("\"version\":\"v1\"", v1.Engine.PriceJson(TestData.Cart));
        Assert.Equal(PricingEngine.FromJson(TestData.Rules("v1")).PriceJson(TestData.Cart), v1.Engine.PriceJson(TestData.Cart));
    }

    [Fact]
    public async Task A_source_that_cannot_be_read_keeps_the_rule_set_served()
    {
        var provider = new MemoryRuleSetProvider(TestData.Rules("v1"));
        var manager = new RuleSetManager(provider, new ManualTimeProvider(T0), NullLogger<RuleSetManager>.Instance);
        await manager.ReloadAsync();

        provider.ReadFailure = new IOException("disk on fire");
        Assert.Equal(RuleSetReloadOutcome.Rejected, await manager.ReloadAsync());

        Assert.Equal("v1", manager.Current!.Version);
        var error = Assert.Single(manager.LastError!.Errors);
        Assert.Equal(("rules", "$"), (error.Document, error.Path));
        Assert.Null(manager.LastError.Sha256);
    }

    [Fact]
    public async Task A_custom_provider_is_used_and_its_change_tokens_trigger_reloads()
    {
        var provider = new MemoryRuleSetProvider(TestData.Rules("m1"));
        await using var app = await TestApp.StartAsync(null, o => o.PollInterval = TimeSpan.Zero,
            build: b => b.Services.AddPromoEngine(_ => provider));
        Assert.Same(provider, app.Services.GetRequiredService<IRuleSetProvider>());
        Assert.Equal("m1", await app.RuleSetVersionAsync());

        provider.Set(TestData.Rules("m2"));

        await app.WaitForVersionAsync("m2");
    }

    [Fact]
    public async Task Calling_AddPromoEngine_twice_registers_the_services_once()
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"), build: b => b.Services.AddPromoEngine());

        Assert.Single(app.Services.GetServices<RuleSetManager>());
        using var health = await app.Client.GetAsync("/health");
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
    }
}
