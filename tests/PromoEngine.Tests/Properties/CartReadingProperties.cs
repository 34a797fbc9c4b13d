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
    public Property Fast_reader_agrees_with_the_full_reader_or_gives_up(NonNegativeInt seed) =>
        FastReaderCheck.AgreesOrGivesUp(seed.Get, FastReaderCheck.WithUsage(RandomRuleSets.Generate(seed.Get).Cart, seed.Get), Readers.FastCart, Readers.FullCart,
            ValidationError.Cart, static cart => DefinitionJson.Write(cart));

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
        Assert.Null(Readers.FastCart(json));

    [Fact]
    public void Fast_reader_reads_escaped_names_and_values()
    {
        var cart = Readers.FastCart("""{"curr\u0065ncy":"C\u004EY","lines":[{"id":"L\"1","sku":"A","unitPrice":12.30,"quantity":3,"tags":["x"]}],"usePoints":"max"}""");
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
        var fast = Readers.FastCart(json);
        Assert.NotNull(fast);
        Assert.Equal(DefinitionJson.Write(ReadFully(json).Cart!), DefinitionJson.Write(fast));
    }

    private static (CartDefinition? Cart, bool Clean) ReadFully(string text) =>
        FastReaderCheck.ReadFully(text, Readers.FullCart, ValidationError.Cart);
}
