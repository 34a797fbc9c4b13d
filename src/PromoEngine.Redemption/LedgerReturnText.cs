using System.Buffers;
using System.Text;
using System.Text.Json;

namespace PromoEngine.Redemption;

/// <summary>The JSON form in which stores keep a return: <c>{returnId, fingerprint, lines, result, fullReturn, recordedAt}</c>.</summary>
public static class LedgerReturnText
{
    /// <summary>Writes a return; <c>result</c> is kept as a string, byte for byte.</summary>
    public static string Write(LedgerReturn entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("returnId", entry.ReturnId);
            writer.WriteString("fingerprint", entry.Fingerprint);
            writer.WriteStartArray("lines");
            foreach (var line in entry.Lines)
            {
                writer.WriteStartObject();
                writer.WriteString("line", line.Line);
                writer.WriteNumber("quantity", line.Quantity);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteString("result", entry.ResultJson);
            writer.WriteBoolean("fullReturn", entry.FullReturn);
            writer.WriteNumber("recordedAt", entry.RecordedAt.ToUnixTimeMilliseconds());
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static LedgerReturn Read(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var lines = root.GetProperty("lines").EnumerateArray()
            .Select(l => new ReturnedLine(l.GetProperty("line").GetString()!, l.GetProperty("quantity").GetInt64()))
            .ToList();
        return new LedgerReturn(root.GetProperty("returnId").GetString()!, root.GetProperty("fingerprint").GetString()!, lines,
            root.GetProperty("result").GetString()!, root.GetProperty("fullReturn").GetBoolean(),
            DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("recordedAt").GetInt64()));
    }
}
