using System.Net;
using System.Text;
using System.Text.Json;

namespace PromoEngine.LedgerLoad;

/// <summary>What one order ended as, from the client's side.</summary>
internal sealed record OrderOutcome(string OrderId, bool Committed, int Expired, bool Launch, bool Code, long LaunchSpent, long CouponUses,
    long CouponSpent, int Conflicts, int Retries);

/// <summary>
/// A shopper's client: place the order (accepting a fresh price after a 409), commit it; on a dead server try
/// another (or the same once it is back) with the same order id, which the ledger makes safe.
/// </summary>
internal sealed class OrderDriver(IReadOnlyList<Uri> servers)
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { Timeout = TimeSpan.FromSeconds(30) };

    public int Placed;

    public async Task<OrderOutcome> RunAsync(string orderId, int i)
    {
        string? expected = null;
        int conflicts = 0, retries = 0, expired = 0;
        for (int attempt = 0; attempt < 400; attempt++)
        {
            var server = servers[(i + retries) % servers.Count];
            try
            {
                string body = $$"""{ "orderId": "{{orderId}}", "cart": {{Workload.Cart(i)}}{{(expected is null ? "" : $", \"expectedPayable\": {expected}")}} }""";
                using var placed = await _http.PostAsync(new Uri(server, "/v1/orders"), new StringContent(body, Encoding.UTF8, "application/json"));
                string text = await placed.Content.ReadAsStringAsync();
                if (placed.StatusCode == HttpStatusCode.Conflict)
                {
                    conflicts++;
                    using var conflict = JsonDocument.Parse(text);
                    expected = conflict.RootElement.GetProperty("result").GetProperty("payable").GetRawText();
                    continue;
                }
                if (placed.StatusCode != HttpStatusCode.Created) { retries++; await Task.Delay(50); continue; }
                Interlocked.Increment(ref Placed);
                using var doc = JsonDocument.Parse(text);
                var usage = doc.RootElement.GetProperty("result").GetProperty("usage");
                bool committed = await CommitAsync(orderId, i, () => retries++);
                if (!committed)
                {
                    // The reservation expired while the servers were down: the shopper checks out again, a new order.
                    orderId += "r";
                    expected = null;
                    expired++;
                    continue;
                }
                var promotions = usage.GetProperty("promotions");
                var coupons = usage.GetProperty("coupons");
                bool launch = promotions.TryGetProperty("launch", out var l);
                bool vip = coupons.TryGetProperty("vip", out var v);
                return new OrderOutcome(orderId, committed, expired, launch, usage.GetProperty("codes").GetArrayLength() > 0,
                    launch ? Minor(l.GetProperty("spent")) : 0, vip ? v.GetProperty("uses").GetInt64() : 0, vip ? Minor(v.GetProperty("spent")) : 0,
                    conflicts, retries);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                retries++;
                await Task.Delay(100);
            }
        }
        return new OrderOutcome(orderId, false, expired, false, false, 0, 0, 0, conflicts, retries);
    }

    private async Task<bool> CommitAsync(string orderId, int i, Action retried)
    {
        for (int attempt = 0; attempt < 400; attempt++)
        {
            var server = servers[(i + attempt) % servers.Count];
            try
            {
                using var response = await _http.PostAsync(new Uri(server, $"/v1/orders/{orderId}/commit"), null);
                if (response.StatusCode == HttpStatusCode.OK) return true;
                if (response.StatusCode == HttpStatusCode.Conflict) return false;   // expired while a server was down
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
            }
            retried();
            await Task.Delay(100);
        }
        return false;
    }

    private static long Minor(JsonElement money) => (long)Math.Round(money.GetDecimal() * 100m);
}
