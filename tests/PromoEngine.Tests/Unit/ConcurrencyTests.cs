using PromoEngine.Definitions;

namespace PromoEngine.Tests.Unit;

public sealed class ConcurrencyTests
{
    [Fact]
    public void One_engine_prices_the_same_from_many_threads()
    {
        string root = AllocationFreeTests.RepositoryRoot();
        var engine = PricingEngine.FromJson(File.ReadAllText(Path.Combine(root, "samples/data/retail-rules.json")));
        CartDefinition[] carts = File.ReadAllLines(Path.Combine(root, "samples/data/carts.jsonl"))
            .Where(l => l.Trim().Length > 0).Select(PricingEngine.ReadCart).ToArray();
        var expected = carts.Select(c => Results.ResultJson.Write(engine.Price(c))).ToArray();

        var actual = new string[carts.Length * 50];
        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var buffer = new PricingResultBuffer();
            engine.Price(carts[i % carts.Length], buffer);
            actual[i] = Results.ResultJson.Write(buffer.ToResult());
        });

        for (int i = 0; i < actual.Length; i++) Assert.Equal(expected[i % carts.Length], actual[i]);
    }
}
