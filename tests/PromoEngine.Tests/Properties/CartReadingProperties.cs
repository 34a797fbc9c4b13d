using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PromoEngine.Definitions;
using PromoEngine.Json;
using PromoEngine.Tests.Reference;
using PromoEngine.Validation;

namespace PromoEngine.Tests.Properties;

/// <summary>
/// The fast cart reader reads exactly what the full reader reads without an error, and gives up on
/// everything else (the full reader then reports it). Carts are random, then mutated as values and as text.
/// </summary>
public sealed class CartReadingProperties
{
    [Property(MaxTest = 600)]
    public Property Fast_reader_agrees_with_the_full_reader_or_gives_up(NonNegativeInt seed)
    {
        var (_, cart) = RandomRuleSets.Generate(seed.Get);
        var random = new Random(seed.Get * 31 + 7);
        bool mutated = random.Next(4) != 0;
        if (mutated)
            for (int m = random.Next(1, 3); m > 0; m--) RobustnessProperties.Mutate(cart, random);
        string text = mutated ? MutateText(cart.ToJsonString(), random) : cart.ToJsonString();

        var fast = FastCartReader.TryRead(text);
        var (full, clean) = ReadFully(text);
        string label = $"seed {seed.Get}: {text}";
        if (fast is null) return (mutated || !clean).Label("gave up on a clean cart: " + label);
        return (clean && DefinitionJson.Write(fast) == DefinitionJson.Write(full!)).Label("read differently: " + label);
    }

    [Theory]
    [InlineData("""{"currency":"CNY","lines":[{"id":"L1","sku":"A","unitPrice":1.5e1,"quantity":1}]}""")] // exponent
    [InlineData("""{"currency":"CNY","currency":"CNY"}""")] // duplicate
    [InlineData("""{"currency":"CNY","lines":[{"id":"L1","quantity":2.0}]}""")] // whole number written as decimal
    [InlineData("""{"currency":"CNY","lines":[{"id":"L1","unitPrice":"12"}]}""")] // a number as text
    [InlineData("""{"currency":"CNY","lines":[null]}""")] // a null line
    [InlineData("""{"currency":"CNY"} {}""")] // trailing content
    [InlineData("""{"currency":"CNY",}""")] // trailing comma
    [InlineData("""{"currency":"CNY","extra":1}""")] // unknown property
    [InlineData("""[]""")]
    [InlineData("")]
    public void Fast_reader_gives_up_on_what_the_full_reader_must_look_at(string json) =>
        Assert.Null(FastCartReader.TryRead(json));

    [Fact]
    public void Fast_reader_reads_escaped_names_and_values()
    {
        var cart = FastCartReader.TryRead("""{"curr\u0065ncy":"C\u004EY","lines":[{"id":"L\"1","sku":"A","unitPrice":12.30,"quantity":3,"tags":["x"]}],"usePoints":"max"}""");
        Assert.NotNull(cart);
        Assert.Equal("CNY", cart.Currency);
        Assert.Equal("L\"1", cart.Lines![0].Id);
        Assert.Equal("12.30", cart.Lines[0].UnitPrice!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(PointsRequest.All, cart.UsePoints);
    }

    [Theory]
    [InlineData("""{"currency":"CNY","storeId":null,"customer":null,"usePoints":null,"lines":[{"id":"L1","unitPrice":0.00,"tags":null}]}""")]
    [InlineData("""{"currency":"CNY","lines":[{"id":"L1","unitPrice":-0,"quantity":null}]}""")]
    public void Fast_reader_reads_nulls_and_zeros_as_the_full_reader_does(string json)
    {
        var fast = FastCartReader.TryRead(json);
        Assert.NotNull(fast);
        Assert.Equal(DefinitionJson.Write(ReadFully(json).Cart!), DefinitionJson.Write(fast));
    }

    private static (CartDefinition? Cart, bool Clean) ReadFully(string text)
    {
        var errors = new ErrorSink(ValidationError.Cart);
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            var cart = CartReader.Read(document.RootElement, errors);
            return (cart, cart is not null && !errors.HasErrors);
        }
        catch (JsonException)
        {
            return (null, false);
        }
    }

    /// <summary>Text-level changes a value mutation cannot make: duplicates, escapes, number forms, spacing, trailing text.</summary>
    internal static string MutateText(string json, Random random)
    {
        string[] names = ["id", "sku", "currency", "quantity", "unitPrice", "code", "tags"];
        switch (random.Next(7))
        {
            case 0:
                int brace = json.IndexOf('{', random.Next(json.Length));
                return brace < 0 ? json : json.Insert(brace + 1, $"\"{names[random.Next(names.Length)]}\":\"dup\",");
            case 1:
                return json.Replace("\"id\":", "\"i\\u0064\":").Replace("\"sku\":\"", "\"sku\":\"\\u0041");
            case 2:
                return System.Text.RegularExpressions.Regex.Replace(json, "\"quantity\":(\\d+)", "\"quantity\":$1.0");
            case 3:
                return System.Text.RegularExpressions.Regex.Replace(json, "\"unitPrice\":(\\d+)", "\"unitPrice\":$1e0");
            case 4:
                return json.Replace(":", " :\n\t ").Replace(",", " , ");
            case 5:
                return json + (random.Next(2) == 0 ? " " : " x");
            default:
                return json.Replace("\"unitPrice\":", "\"unitPrice\":-");
        }
    }
}
