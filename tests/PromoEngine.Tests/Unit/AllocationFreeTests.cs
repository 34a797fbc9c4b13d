using PromoEngine.Tests.Support;

namespace PromoEngine.Tests.Unit;

/// <summary>
/// A warm engine pricing into a reused buffer allocates nothing (issue #3). Bytes are counted, not
/// time: the count is exact and the same on every machine.
/// </summary>
public sealed class AllocationFreeTests
{
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (string file in Scenario.Files("Shared").Concat(Scenario.Files("Own")))
            if (Scenario.Load(file) is { ExpectErrors: null, Prices: true }) data.Add(file);
        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Pricing_a_cart_again_allocates_nothing(string file)
    {
        var scenario = Scenario.Load(file);
        var engine = PricingEngine.FromJson(scenario.RulesJson);
        var cart = PricingEngine.ReadCart(scenario.CartJson);
        var buffer = new PricingResultBuffer();
        for (int i = 0; i < 3; i++) engine.Price(cart, buffer);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) engine.Price(cart, buffer);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(engine.Price(cart).Total, buffer.Total);
    }

    [Fact]
    public void The_sample_retailer_prices_without_allocating()
    {
        string root = RepositoryRoot();
        var engine = PricingEngine.FromJson(File.ReadAllText(Path.Combine(root, "samples/data/retail-rules.json")));
        var buffer = new PricingResultBuffer();
        foreach (string name in new[] { "cart-online.json", "cart-store.json", "cart-guest.json" })
        {
            var cart = PricingEngine.ReadCart(File.ReadAllText(Path.Combine(root, "samples/data", name)));
            for (int i = 0; i < 3; i++) engine.Price(cart, buffer);
            long before = GC.GetAllocatedBytesForCurrentThread();
            engine.Price(cart, buffer);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    [Fact]
    public void Different_carts_in_turn_price_without_allocating()
    {
        // Regression: the buffer once kept result records and reused them only for an identical cart.
        string root = RepositoryRoot();
        var engine = PricingEngine.FromJson(File.ReadAllText(Path.Combine(root, "samples/data/retail-rules.json")));
        var carts = File.ReadAllLines(Path.Combine(root, "samples/data/carts.jsonl"))
            .Where(l => l.Trim().Length > 0).Select(PricingEngine.ReadCart).ToArray();
        var buffer = new PricingResultBuffer();
        for (int round = 0; round < 3; round++)
            foreach (var cart in carts) engine.Price(cart, buffer);
        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var cart in carts) engine.Price(cart, buffer);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PromoEngine.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
