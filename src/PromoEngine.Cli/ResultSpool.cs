using System.Buffers;
using System.Text;
using PromoEngine.Results;

namespace PromoEngine.Cli;

/// <summary>
/// The results of <c>promo price --carts</c>, one JSON line each, kept in a temporary file (deleted when disposed)
/// until every cart has been priced: nothing is printed unless all carts are valid (spec §9), yet a batch of
/// thousands of carts with large results does not hold them all in memory, where at 1,000 promotions 2,000
/// results were about 1 GB of strings that the garbage collector kept copying.
/// </summary>
internal sealed class ResultSpool : IDisposable
{
    private readonly FileStream _file = new(Path.Combine(Path.GetTempPath(), $"promo-{Guid.NewGuid():N}.jsonl"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
    private readonly ArrayBufferWriter<byte> _line = new(16 * 1024);

    /// <summary>Appends the result a buffer holds, as one line of compact JSON.</summary>
    public void Add(PricingResultBuffer result)
    {
        _line.ResetWrittenCount();
        ResultJson.Write(result, _line);
        _file.Write(_line.WrittenSpan);
        _file.WriteByte((byte)'\n');
    }

    /// <summary>Writes every line, in order, to <paramref name="output"/>.</summary>
    public void CopyTo(TextWriter output)
    {
        _file.Flush();
        _file.Position = 0;
        using var reader = new StreamReader(_file, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, 1 << 16, leaveOpen: true);
        var chars = new char[1 << 16];
        int read;
        while ((read = reader.Read(chars, 0, chars.Length)) > 0) output.Write(chars, 0, read);
        output.Flush();
    }

    public void Dispose() => _file.Dispose();
}
