using System.Text.Json;
using PromoEngine.Json;

namespace PromoEngine.Tests.Unit;

public sealed class InstantReadingTests
{
    [Theory]
    [InlineData("2026-03-08T10:00:00+08:00")]
    [InlineData("2026-03-08T02:00:00Z")]
    [InlineData("2026-03-08T02:00:00z")]
    [InlineData("2026-03-08T02:00:00.1234567-05:30")]
    [InlineData("2026-03-08T02:00:00.5+00:00")]
    [InlineData("2026-03-08T10:00+08:00")]
    [InlineData("2026-03-08T10:00:00")] // no offset: never read the quick way
    [InlineData("2026-03-08")]
    [InlineData("2026-03-08T10:00:00\\u002B08:00")] // escaped: left to the text parser
    [InlineData("2026-03-08 10:00:00+08:00")]
    [InlineData("2026-13-08T10:00:00+08:00")]
    [InlineData("2026-03-08T10:00:00+15:00")]
    public void The_quick_instant_reading_agrees_with_the_text_parser(string text)
    {
        using var document = JsonDocument.Parse($"\"{text}\"");
        string unescaped = document.RootElement.GetString()!;
        bool slow = Codecs.TryParseInstant(unescaped, out var expected);
        if (Codecs.TryReadIsoInstant(document.RootElement, out var quick))
        {
            Assert.True(slow, $"read quickly, refused by the text parser: {text}");
            Assert.Equal(expected, quick);
            Assert.Equal(expected.Offset, quick.Offset);
        }
        if (!slow) Assert.False(Codecs.TryReadIsoInstant(document.RootElement, out _));
    }
}
