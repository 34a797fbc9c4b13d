using System.Text.Json;
using PromoEngine.Json;

namespace PromoEngine.Tests.Unit;

public sealed class PropertyNamesTests
{
    [Fact]
    public void Known_names_are_shared_and_others_read_as_written()
    {
        using var document = JsonDocument.Parse("""{"promotions":1,"pr\u006Fmotions":2,"promotion":3,"é":4}""");
        var properties = document.RootElement.EnumerateObject().ToArray();
        string known = PropertyNames.Of(properties[0]);
        Assert.Equal("promotions", known);
        Assert.Same(known, PropertyNames.Of(document.RootElement.EnumerateObject().First())); // one shared string
        Assert.Equal("promotions", PropertyNames.Of(properties[1])); // escaped: read through JsonProperty.Name
        Assert.Equal("promotion", PropertyNames.Of(properties[2]));
        Assert.Equal("é", PropertyNames.Of(properties[3]));
    }
}
