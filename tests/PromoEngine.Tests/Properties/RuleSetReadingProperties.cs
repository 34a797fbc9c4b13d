using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PromoEngine.Definitions;
using PromoEngine.Json;
using PromoEngine.Tests.Reference;
using PromoEngine.Validation;

namespace PromoEngine.Tests.Properties;

/// <summary>
/// The fast rule-set reader reads exactly what the full reader reads without an error, and gives up on
/// everything else. Rule sets are random, then mutated as values and as text.
/// </summary>
public sealed class RuleSetReadingProperties
{
    [Property(MaxTest = 600)]
    public Property Fast_reader_agrees_with_the_full_reader_or_gives_up(NonNegativeInt seed) =>
        FastReaderCheck.AgreesOrGivesUp(seed.Get, FastReaderCheck.WithV2Fields(RandomRuleSets.Generate(seed.Get).Rules, seed.Get), Readers.FastRules, Readers.FullRules,
            ValidationError.Rules, static rules => DefinitionJson.Write(rules));

    [Theory]
    [InlineData("""{"id":"r","promotions":[{"id":"p","price":1}]}""")] // no kind
    [InlineData("""{"id":"r","promotions":[{"id":"p","kind":"bogus"}]}""")] // unknown kind
    [InlineData("""{"id":"r","promotions":[{"id":"p","kind":"specialPrice","percentOff":10}]}""")] // a field of another kind
    [InlineData("""{"id":"r","promotions":[{"id":"p","price":1,"kind":"itemDiscount"}]}""")] // the same, kind last
    [InlineData("""{"id":"r","minorDigits":3000000000}""")] // beyond Int32
    [InlineData("""{"id":"r","rounding":"up"}""")] // unknown rounding
    [InlineData("""{"id":"r","coupons":[{"id":"c","exclusive":"yes"}]}""")] // not a boolean
    [InlineData("""{"id":"r","promotions":[{"id":"p","kind":"threshold","window":{"from":"2026-03-08T10:00:00"}}]}""")] // no offset
    public void Fast_reader_gives_up_on_what_the_full_reader_must_look_at(string json) =>
        Assert.Null(Readers.FastRules(json));

    [Fact]
    public void Fast_reader_reads_fields_in_any_order_and_nulls_as_absent()
    {
        const string json = """{"promotions":[{"tiers":[{"atLeast":100,"amountOff":10,"gift":null}],"layer":"store","kind":"threshold","id":"p","scope":null}],"id":"r","points":null}""";
        var fast = Readers.FastRules(json);
        Assert.NotNull(fast);
        Assert.Equal(DefinitionJson.Write(ReadFully(json).Rules!), DefinitionJson.Write(fast));
        Assert.Equal(PromotionKind.Threshold, fast.Promotions![0].Kind);
    }

    private static (RuleSetDefinition? Rules, bool Clean) ReadFully(string text) =>
        FastReaderCheck.ReadFully(text, Readers.FullRules, ValidationError.Rules);
}
