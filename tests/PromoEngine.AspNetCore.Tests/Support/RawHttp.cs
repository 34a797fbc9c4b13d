using System.Net.Sockets;
using System.Text;

namespace PromoEngine.AspNetCore.Tests.Support;

/// <summary>
/// An HTTP/1.1 client on a raw socket, for what HttpClient will not do: announce a body and then send only part of it.
/// </summary>
internal static class RawHttp
{
    /// <summary>The answer: status code, headers (lower-case names) and body.</summary>
    public sealed record Answer(int Status, IReadOnlyDictionary<string, string> Headers, string Body);

    /// <summary>
    /// Sends <paramref name="method"/> <paramref name="path"/> with <c>Content-Length: <paramref name="announced"/></c>,
    /// then only <paramref name="sent"/>, then nothing, and reads the answer (or fails after <paramref name="timeout"/>).
    /// </summary>
    public static async Task<Answer> SendTruncatedAsync(Uri server, string method, string path, int announced, string sent, TimeSpan timeout)
    {
        using var client = new TcpClient();
        using var deadline = new CancellationTokenSource(timeout);
        await client.ConnectAsync(server.Host, server.Port, deadline.Token);
        var stream = client.GetStream();
        string head = $"{method} {path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: application/json\r\nContent-Length: {announced}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + sent), deadline.Token);
        await stream.FlushAsync(deadline.Token);

        // The answer ends where its Content-Length says, or when the server closes the connection.
        var received = new MemoryStream();
        var buffer = new byte[4096];
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, deadline.Token);
            }
            catch (IOException) when (received.Length > 0)
            {
                break;   // reset after the answer
            }
            if (read == 0) break;
            received.Write(buffer, 0, read);
            if (Parse(received.ToArray()) is { } complete) return complete;
        }
        return Parse(received.ToArray()) ?? throw new InvalidOperationException("incomplete answer: " + Encoding.UTF8.GetString(received.ToArray()));
    }

    private static Answer? Parse(byte[] bytes)
    {
        string text = Encoding.UTF8.GetString(bytes);
        int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0) return null;
        var lines = text[..end].Split("\r\n");
        int status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        string body = text[(end + 4)..];
        if (headers.TryGetValue("content-length", out string? length) && Encoding.UTF8.GetByteCount(body) < int.Parse(length, System.Globalization.CultureInfo.InvariantCulture))
            return null;
        if (headers.TryGetValue("transfer-encoding", out string? chunked) && chunked == "chunked")
        {
            if (!body.EndsWith("0\r\n\r\n", StringComparison.Ordinal)) return null;
            body = Dechunk(body);
        }
        return new Answer(status, headers, body);
    }

    private static string Dechunk(string body)
    {
        var result = new StringBuilder();
        int at = 0;
        while (true)
        {
            int lineEnd = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            int size = Convert.ToInt32(body[at..lineEnd], 16);
            if (size == 0) return result.ToString();
            result.Append(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
