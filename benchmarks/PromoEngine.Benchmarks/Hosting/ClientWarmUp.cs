using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PromoEngine.Benchmarks.Hosting;

/// <summary>
/// Warms this process's HTTP client code (a POST with a JSON body) against a throwaway loopback listener of
/// its own, so that a service's first quote is not charged with the client's own first-call JIT.
/// </summary>
public static class ClientWarmUp
{
    public static void Run(int requests = 50)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var uri = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/v1/quote");
        var server = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync();
            var stream = socket.GetStream();
            var buffer = new byte[64 * 1024];
            var pending = new StringBuilder();
            for (int answered = 0; answered < requests;)
            {
                int read = await stream.ReadAsync(buffer);
                if (read == 0) return;
                pending.Append(Encoding.ASCII.GetString(buffer, 0, read));
                // One request: headers, then Content-Length bytes of body.
                while (true)
                {
                    string text = pending.ToString();
                    int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                    if (end < 0) break;
                    int length = 0;
                    foreach (string line in text[..end].Split("\r\n"))
                        if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = int.Parse(line[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    if (text.Length < end + 4 + length) break;
                    pending.Remove(0, end + 4 + length);
                    await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"u8.ToArray());
                    answered++;
                }
            }
        });
        using (var client = SampleService.Client(1))
        {
            byte[] body = Encoding.UTF8.GetBytes("{\"currency\":\"CNY\"}");
            for (int i = 0; i < requests; i++) SampleService.QuoteAsync(client, uri, body).GetAwaiter().GetResult();
        }
        server.Wait(TimeSpan.FromSeconds(5));
    }
}
