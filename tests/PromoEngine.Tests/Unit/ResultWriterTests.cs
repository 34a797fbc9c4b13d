using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PromoEngine.Definitions;
using PromoEngine.Results;

namespace PromoEngine.Tests.Unit;

/// <summary>
/// One result writer for the records and, straight, for the buffer a pass filled (issue #13): both write the
/// same bytes, which are what System.Text.Json makes of the same document, compact and indented, with
/// awkward strings too.
/// </summary>
public sealed class ResultWriterTests
{
    private static readonly string[] Awkward = ["L\"1", "a\\b", "tab\there", "line\nbreak", "\u0001", "线-1", "emoji 😀", "<&>'+", "\u2028"];

    private static (PricingEngine Engine, CartDefinition Cart) Priced()
    {
        var rules = new RuleSetDefinition
        {
            Id = "writer \"test\"", Version = "1", Currency = "CNY",
            Promotions =
            [
                new PromotionDefinition { Id = "d\\1", Kind = PromotionKind.ItemDiscount, PercentOff = 10, Name = "九折 \"sale\"" },
                new PromotionDefinition { Id = "t", Kind = PromotionKind.Threshold, Tiers = [new ThresholdTierDefinition { AtLeast = 10_000, AmountOff = 5 }] },
            ],
            Coupons = [new CouponDefinition { Id = "c", AmountOff = 1 }],
            Points = new PointsDefinition { PointsPerUnit = 100, Funding = FundingDefinition.By("bank \"x\"") },
        };
        var cart = new CartDefinition
        {
            Currency = "CNY", Channel = "online", At = DateTimeOffset.Parse("2026-03-08T10:00:00+08:00"),
            Customer = new CustomerDefinition { Id = "u", Points = 1000 },
            Lines = Awkward.Select((id, k) => new CartLineDefinition { Id = id, Sku = "sku " + id, UnitPrice = 10 + k, Quantity = 1 + k % 2 }).ToArray(),
            Coupons = [new CouponInstanceDefinition { Code = "K\"1", CouponId = "c" }, new CouponInstanceDefinition { Code = "坏", CouponId = "nope" }],
            UsePoints = PointsRequest.Of(500),
        };
        return (PricingEngine.Compile(rules), cart);
    }

    private static string Reformatted(string json, bool indented)
    {
        using var document = JsonDocument.Parse(json);
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = indented }))
            document.WriteTo(writer);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_writer_makes_what_System_Text_Json_makes(bool indented)
    {
        var (engine, cart) = Priced();
        string written = engine.PriceJson(Json.DefinitionJson.Write(cart), indented);
        Assert.Equal(Reformatted(written, indented), written);
        using var document = JsonDocument.Parse(written);
        Assert.Equal(Awkward, document.RootElement.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("id").GetString()));
    }

    [Fact]
    public void Records_and_buffer_are_written_alike()
    {
        var (engine, cart) = Priced();
        var buffer = new PricingResultBuffer();
        engine.Price(cart, buffer);
        var result = buffer.ToResult();
        Assert.Equal(ResultJson.Write(result), ResultJson.Write(buffer));
        Assert.Equal(ResultJson.Write(result, indented: true), ResultJson.Write(buffer, indented: true));
        var output = new ArrayBufferWriter<byte>();
        ResultJson.Write(buffer, output);
        Assert.Equal(ResultJson.Write(result), Encoding.UTF8.GetString(output.WrittenSpan));
    }
}
