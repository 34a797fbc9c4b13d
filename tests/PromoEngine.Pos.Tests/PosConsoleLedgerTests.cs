using System.Text.RegularExpressions;
using PosConsole;

namespace PromoEngine.Pos.Tests;

/// <summary>PosConsole with <c>--ledger</c>: a sale tendered as an order, then returned by its id at another run of the till.</summary>
public sealed class PosConsoleLedgerTests
{
    private static (int Code, string Out, string Err) Run(string[] args, string stdin)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = PosConsoleApp.Run(args, new StringReader(stdin), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void A_sale_is_tendered_as_an_order_and_returned_by_its_id_later()
    {
        string directory = Directory.CreateTempSubdirectory("promoengine-posconsole-ledger-").FullName;
        try
        {
            string[] args = ["--rules", TestData.RulesPath, "--catalog", TestData.CatalogPath, "--store", "S1",
                "--at", "2026-11-11T10:00:00+08:00", "--ledger", "sqlite:" + Path.Combine(directory, "ledger.db")];

            var sale = Run(args, "TEA\nRICE 2\ntotal\n");
            string orderId = Regex.Match(sale.Out, @"^Order (\S+)$", RegexOptions.Multiline).Groups[1].Value;
            var refund = Run(args, $"return-order {orderId} R1 L2 1\n");
            var unknown = Run(args, "return-order S1-T-0-1 R1 L1 1\n");

            Assert.Equal((0, ""), (sale.Code, sale.Err));
            Assert.StartsWith("S1-T-", orderId);
            Assert.Equal((0, ""), (refund.Code, refund.Err));
            Assert.Contains("REFUND SLIP", refund.Out);
            Assert.Equal(2, unknown.Code);
            Assert.Contains("no order S1-T-0-1", unknown.Err);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
