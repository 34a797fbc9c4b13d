using System.Reflection;
using System.Text.Json;
using PromoEngine.Definitions;
using PromoEngine.Json;
using PromoEngine.Tests.Properties;
using PromoEngine.Validation;

namespace PromoEngine.Tests.Unit;

/// <summary>The shapes that drive both readers and the writer: lookups, shared names, variants.</summary>
public sealed class JsonShapeTests
{
    [Fact]
    public void Names_are_found_by_their_utf8_bytes_only_when_exact()
    {
        var shape = DefinitionShapes.Promotion;
        Assert.Equal("stacksWithMemberPrice", shape.Fields[shape.Find("stacksWithMemberPrice"u8)].Name);
        Assert.Equal(0, shape.Find("id"u8));
        Assert.Equal(-1, shape.Find("Id"u8));
        Assert.Equal(-1, shape.Find("stacksWithMemberPric"u8));
        Assert.Equal(-1, shape.Find("a-name-longer-than-any-field-of-a-promotion"u8));
        Assert.Equal(-1, shape.Find(""u8));
        Assert.Equal(shape.Find("price"u8), shape.Find("price"));
    }

    [Fact]
    public void The_full_reader_gives_known_names_as_one_shared_string_and_reads_escaped_ones()
    {
        var errors = new ErrorSink(ValidationError.Rules);
        using var document = JsonDocument.Parse("""{"id":"r","version":"1","currency":"CNY","promotions":[{"i\u0064":"p","kind":"itemDiscount","percentOff":5,"é":1}]}""");
        var rules = DefinitionShapes.RuleSetDocument.Read(document.RootElement, LazyPath.Root, errors)!;
        Assert.Equal("p", rules.Promotions![0].Id); // the escaped name is the same property
        Assert.Equal("$.promotions[0]['é'] (rules): unknown property 'é'", Assert.Single(errors.Errors).ToString());
    }

    [Fact]
    public void Every_promotion_field_outside_the_common_ones_belongs_to_some_kinds()
    {
        var shape = DefinitionShapes.Promotion;
        Assert.Equal(1, shape.Variant);
        long priceKinds = shape.Fields[shape.Find("price")].Variants;
        Assert.Equal(3, long.PopCount(priceKinds)); // specialPrice, nthItem, bundle
        long threshold = shape.AllowedFor((int)PromotionKind.Threshold);
        Assert.NotEqual(0, threshold & (1L << shape.Find("tiers")));
        Assert.Equal(0, threshold & (1L << shape.Find("price")));
        Assert.NotEqual(0, threshold & (1L << shape.Find("limits"))); // common
    }

    [Fact]
    public void Every_record_property_has_exactly_one_field_in_its_shape()
    {
        // A property added to a record but not to its shape would be silently dropped by both readers and the writer.
        var shapes = typeof(DefinitionShapes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(JsonShape<>)).ToArray();
        Assert.Equal(21, shapes.Length);
        foreach (var shape in shapes)
        {
            var record = shape.FieldType.GetGenericArguments()[0];
            dynamic fields = shape.FieldType.GetProperty("Fields")!.GetValue(shape.GetValue(null))!;
            var names = new List<string>();
            foreach (dynamic field in fields) names.Add((string)field.Name);
            var expected = record.GetProperties().Select(p => p.Name == "Schema" ? "$schema" : char.ToLowerInvariant(p.Name[0]) + p.Name[1..]);
            Assert.True(expected.Order().SequenceEqual(names.Order()), $"{record.Name}: {string.Join(", ", names)}");
        }
    }

    [Fact]
    public void Enum_spellings_are_written_once_and_read_escaped_or_not()
    {
        Assert.Equal(["specialPrice", "itemDiscount", "nthItem", "buyXGetY", "bundle", "threshold"], JsonNames.Kinds.Names);
        Assert.Equal("itemPrice", JsonNames.ThresholdOns.NameOf(ThresholdOn.ItemPrice));
        Assert.True(JsonNames.Rounding.TryParse("halfEven", out var rounding) && rounding == Money.RoundingMode.HalfEven);
        Assert.False(JsonNames.Rounding.TryParse("HalfEven", out _));
        var rules = Readers.FastRules("""{"id":"r","promotions":[{"id":"p","kind":"b\u0075ndle","components":[{"quantity":2}],"price":1}],"rounding":"d\u006Fwn"}""");
        Assert.NotNull(rules);
        Assert.Equal((PromotionKind.Bundle, Money.RoundingMode.Down), (rules.Promotions![0].Kind!.Value, rules.Rounding!.Value));
        Assert.Null(Readers.FastRules("""{"id":"r","rounding":"Down"}"""));
    }

    [Fact]
    public void A_name_with_a_lone_surrogate_is_a_located_error_not_a_crash()
    {
        var e = Assert.Throws<PromoValidationException>(() => PricingEngine.ReadCart("""{"currency":"CNY","\ud800x":1,"channel":"\udc00"}"""));
        Assert.Equal(
            [
                "$.channel (cart): a string escapes a lone UTF-16 surrogate (e.g. \\ud800): not valid text",
                "$['\\\\ud800x'] (cart): a string escapes a lone UTF-16 surrogate (e.g. \\ud800): not valid text",
            ],
            e.Errors.Select(x => x.ToString()).Order());
        Assert.All(e.Errors, x => Assert.Equal(ErrorCodes.InvalidString, x.Code));
    }
}
