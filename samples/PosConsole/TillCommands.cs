using System.Globalization;
using PromoEngine;
using PromoEngine.Money;
using PromoEngine.Pos;
using PromoEngine.Results;
using PromoEngine.Returns;

namespace PosConsole;

/// <summary>What a till command did.</summary>
public enum CommandKind
{
    /// <summary>A blank line or a comment: nothing.</summary>
    Nothing,
    /// <summary>The basket changed and was re-priced.</summary>
    Changed,
    /// <summary>Asked to show the receipt.</summary>
    Show,
    /// <summary>Asked for help.</summary>
    Help,
    /// <summary>Finish the sale: print the final receipt and stop.</summary>
    Total,
    /// <summary>Stop.</summary>
    Quit,
    /// <summary>The command was refused; the basket is unchanged.</summary>
    Error,
    /// <summary>A document to print now (a refund slip), in <see cref="CommandResult.Message"/>; the basket is unchanged.</summary>
    Print,
}

/// <summary>The outcome of one till command.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Message">A confirmation, or the error.</param>
public sealed record CommandResult(CommandKind Kind, string Message);

/// <summary>
/// Reads till commands (one per line) and applies them to a <see cref="TillSession"/>. A line that is not a
/// command is a scan: <c>6975123406036</c> or <c>6975123406036 3</c>. <c>#</c> starts a comment.
/// </summary>
public sealed class TillCommands
{
    /// <summary>The command summary printed by <c>help</c>.</summary>
    public const string Help = """
        commands (a bare code is a scan; # starts a comment):
          scan <code> [qty]            add a product by sku or barcode (again: raises its quantity)
          <code> [qty]                 the same
          void <line>                  remove a line, e.g. void L2
          qty <line> <n>               set a line's quantity
          member <id> [tier] [points]  identify the member (tier "-" for none; points = balance)
          guest                        forget the member
          coupon <code> <couponId>     present a coupon
          uncoupon <code>              take a coupon back
          points max|<n>|none          use points
          round down|nearest <step>    cash rounding, e.g. round down 0.10, round nearest 0.05
          round off                    no cash rounding
          save <file>                  save the basket's result (JSON) for returns later
          return-order <order> <returnId> <line> <n> [...]
                                       with --ledger: return units of any order in the ledger (also
                                       one placed online), refunded as the online returns endpoint does
          return <file> <line> <n> [<line> <n> ...] [before <line> <n> ...]
                                       print the refund slip of units returned against a saved result
                                       ("before": units returned by earlier returns); the cash
                                       rounding in force is taken to be the sale's
          receipt                      show the receipt
          clear                        empty the basket (next customer)
          help                         this text
          total                        print the final receipt and finish
          quit                         leave
        """;

    private readonly TillSession _session;
    private readonly int _width;

    /// <summary>Commands for <paramref name="session"/>; slips are printed <paramref name="width"/> columns wide.</summary>
    public TillCommands(TillSession session, int width = ReceiptRenderer.DefaultWidth)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, ReceiptRenderer.MinimumWidth);
        _session = session;
        _width = width;
    }

    /// <summary>Applies one command line.</summary>
    public CommandResult Execute(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        int hash = line.IndexOf('#');
        if (hash >= 0) line = line[..hash];
        string[] words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0) return new(CommandKind.Nothing, "");
        try
        {
            return Dispatch(words[0].ToLowerInvariant(), words);
        }
        catch (TillException e)
        {
            return new(CommandKind.Error, e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A fault in the engine must not take the till down; the session is unchanged (it commits only priced states).
            return new(CommandKind.Error, $"internal error, basket unchanged: {e.GetType().Name}: {e.Message}");
        }
    }

    private CommandResult Dispatch(string command, string[] w)
    {
        switch (command)
        {
            case "scan":
                Expect(w, 2, 3, "scan <code> [qty]");
                return Scan(w[1], w.Length == 3 ? w[2] : null);
            case "void":
                Expect(w, 2, 2, "void <line>");
                _session.Void(w[1]);
                return Changed($"voided {w[1].ToUpperInvariant()}");
            case "qty":
                Expect(w, 3, 3, "qty <line> <n>");
                _session.SetQuantity(w[1], Quantity(w[2]));
                return Changed($"{w[1].ToUpperInvariant()} quantity {w[2]}");
            case "member":
                Expect(w, 2, 4, "member <id> [tier] [points]");
                string? tier = w.Length >= 3 && w[2] is not ("-" or "none") ? w[2] : null;
                long balance = w.Length == 4 ? Count(w[3], "points") : 0;
                _session.IdentifyMember(w[1], tier, balance);
                return Changed($"member {w[1]}");
            case "guest":
                Expect(w, 1, 1, "guest");
                _session.ClearMember();
                return Changed("guest");
            case "coupon":
                Expect(w, 3, 3, "coupon <code> <couponId>");
                _session.AddCoupon(w[1], w[2]);
                return Changed(CouponMessage(w[1]));
            case "uncoupon":
                Expect(w, 2, 2, "uncoupon <code>");
                _session.RemoveCoupon(w[1]);
                return Changed($"coupon {w[1]} removed");
            case "points":
                Expect(w, 2, 2, "points max|<n>|none");
                switch (w[1].ToLowerInvariant())
                {
                    case "max": _session.UseMaxPoints(); break;
                    case "none": _session.UseNoPoints(); break;
                    default: _session.UsePoints(Count(w[1], "points")); break;
                }
                return Changed($"points {w[1]}");
            case "round":
                return Round(w);
            case "save":
                Expect(w, 2, 2, "save <file>");
                return Save(w[1]);
            case "return":
                return Return(w);
            case "receipt" or "show":
                Expect(w, 1, 1, command);
                return new(CommandKind.Show, "");
            case "clear":
                Expect(w, 1, 1, "clear");
                _session.Clear();
                return Changed("basket cleared");
            case "help" or "?":
                return new(CommandKind.Help, Help);
            case "total":
                Expect(w, 1, 1, "total");
                return Tender();
            case "return-order":
                return ReturnOrder(w);
            case "quit" or "exit":
                return new(CommandKind.Quit, "");
            default:
                if (w.Length > 2) throw new TillException($"unknown command '{w[0]}' (type help)");
                if (!_session.Catalog.TryFind(w[0], out _))
                    throw new TillException($"unknown command or code '{w[0]}' (type help)");
                return Scan(w[0], w.Length == 2 ? w[1] : null);
        }
    }

    private CommandResult Scan(string code, string? quantity)
    {
        var line = _session.Scan(code, quantity is null ? 1 : Quantity(quantity));
        return Changed($"{line.Id} {line.Product.Name} x {line.Quantity}");
    }

    private CommandResult Round(string[] w)
    {
        if (w.Length == 2 && w[1].Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            _session.SetCashRounding(null);
            return Changed("no cash rounding");
        }
        Expect(w, 3, 3, "round down|nearest <step>  or  round off");
        var mode = w[1].ToLowerInvariant() switch
        {
            "down" => CashRoundingMode.Down,
            "nearest" => CashRoundingMode.Nearest,
            _ => throw new TillException($"unknown rounding '{w[1]}': down or nearest"),
        };
        if (!decimal.TryParse(w[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal step)
            || !MinorUnits.TryFromMajor(step, _session.MinorDigits, out long increment) || increment <= 0)
            throw new TillException($"bad rounding step '{w[2]}': a positive amount with at most {_session.MinorDigits} decimals");
        var rounding = new CashRounding(mode, increment);
        _session.SetCashRounding(rounding);
        return Changed($"cash rounding {rounding.Describe(_session.MinorDigits)}");
    }

    private CommandResult Save(string path)
    {
        var result = _session.Result ?? throw new TillException("the basket is empty: there is no result to save");
        try
        {
            File.WriteAllText(path, ResultJson.Write(result, indented: true) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TillException($"cannot write '{path}': {e.Message}");
        }
        return new(CommandKind.Nothing, $"result saved to {path}");
    }

    private CommandResult Return(string[] w)
    {
        const string usage = "return <file> <line> <n> [<line> <n> ...] [before <line> <n> ...]";
        if (w.Length < 4) throw new TillException($"usage: {usage}");
        var now = new List<ReturnLine>();
        var before = new List<ReturnLine>();
        var into = now;
        for (int i = 2; i < w.Length; i++)
        {
            if (w[i].Equals("before", StringComparison.OrdinalIgnoreCase) && into == now)
            {
                into = before;
                continue;
            }
            if (i + 1 >= w.Length) throw new TillException($"usage: {usage}");
            into.Add(new ReturnLine(w[i].ToUpperInvariant(), Count(w[++i], "quantity")));
        }
        string text;
        try
        {
            text = File.ReadAllText(w[1]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TillException($"cannot read '{w[1]}': {e.Message}");
        }
        try
        {
            var order = ResultDocument.Read(text);
            var slip = _session.BuildRefundSlip(order, new ReturnRequest(before, now));
            return new(CommandKind.Print, RefundSlipRenderer.Render(slip, _width));
        }
        catch (PromoValidationException e)
        {
            throw new TillException($"the return cannot be priced: {string.Join("; ", e.Errors)}");
        }
    }

    // With a ledger, the sale is reserved and committed as an order first (the receipt shows its id).
    private CommandResult Tender()
    {
        if (_session.Ledger is not { } ledger) return new(CommandKind.Total, "");
        var tendered = ledger.Tender(_session);
        return tendered.Status switch
        {
            TenderStatus.Committed => new(CommandKind.Total, $"order {tendered.OrderId}"),
            TenderStatus.SoldWithoutLedger => new(CommandKind.Total, tendered.Message ?? ""),
            _ => throw new TillException($"not sold: {tendered.Message}"),
        };
    }

    private CommandResult ReturnOrder(string[] w)
    {
        const string usage = "return-order <orderId> <returnId> <line> <n> [<line> <n> ...]";
        if (_session.Ledger is not { } ledger) throw new TillException("this till has no ledger (start it with --ledger)");
        if (w.Length < 5 || (w.Length - 3) % 2 != 0) throw new TillException($"usage: {usage}");
        var now = new List<ReturnLine>();
        for (int i = 3; i < w.Length; i += 2) now.Add(new ReturnLine(w[i].ToUpperInvariant(), Count(w[i + 1], "quantity")));
        try
        {
            var (slip, returned) = ledger.Return(_session, w[1], w[2], now);
            string note = returned.Status == PromoEngine.Redemption.ReturnStatus.Repeated ? $"return {w[2]} was already taken: the same slip again\n" : "";
            return new(CommandKind.Print, note + RefundSlipRenderer.Render(slip, _width));
        }
        catch (PromoValidationException e)
        {
            throw new TillException($"the return cannot be priced: {string.Join("; ", e.Errors)}");
        }
    }

    /// <summary>What became of a coupon just presented, in words: its name, or why it is not used.</summary>
    private string CouponMessage(string code)
    {
        var coupon = _session.Result?.Coupons.LastOrDefault(c => string.Equals(c.Code, code.Trim(), StringComparison.Ordinal));
        if (coupon is null) return $"coupon {TillText.Printable(code)} taken";
        return coupon.Applied
            ? $"coupon {TillText.Printable(code)} ({_session.Texts.Coupon(coupon.CouponId)}) used"
            : _session.Texts.Refusal(coupon);
    }

    private static CommandResult Changed(string message) => new(CommandKind.Changed, message);

    private static long Quantity(string text)
    {
        long n = Count(text, "quantity");
        return n >= 1 ? n : throw new TillException($"quantity must be at least 1, not {text}");
    }

    private static long Count(string text, string what)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long n)) return n;
        // All digits but past what a number holds: say so, rather than that it is no number.
        if (text.Length > 0 && text.All(char.IsAsciiDigit)) throw new TillException($"{what} {text} is far too large");
        throw new TillException($"bad {what} '{text}': a whole number is expected");
    }

    private static void Expect(string[] words, int min, int max, string usage)
    {
        if (words.Length < min || words.Length > max) throw new TillException($"usage: {usage}");
    }
}
