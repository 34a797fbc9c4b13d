using System.Text.Json;
using System.Text.Json.Nodes;
using PromoEngine.Returns;
using PromoEngine.Tests.Support;

namespace PromoEngine.Tests.Returns;

public sealed class ReturnPricingTests
{
    private static ReturnRequest Now(params (string Line, long Quantity)[] now) => new(now.Select(n => new ReturnLine(n.Line, n.Quantity)).ToArray());

    private static ReturnRequest After((string Line, long Quantity)[] previous, params (string Line, long Quantity)[] now) =>
        new(previous.Select(n => new ReturnLine(n.Line, n.Quantity)).ToArray(), now.Select(n => new ReturnLine(n.Line, n.Quantity)).ToArray());

    [Fact]
    public void One_unit_of_three_refunds_what_the_kept_units_do_not_keep()
    {
        var r = ReturnPricing.Price(ReturnSamples.Scenario16(), Now(("L1", 1)));

        Assert.Equal((6134L, 800L, 800L, 62L), (r.Refund, r.PointsRestored, r.PointsValue, r.PointsClawedBack));
        Assert.Equal(new ReturnLineResult("L1", 1, 6134, 800, 800), Assert.Single(r.Lines));
        Assert.Equal(new FundingAmount[] { new("platform", 10_67), new("store", 8_00) }, r.Funding);
        Assert.Equal(new KeptAmounts(168_66, 2200, 168), r.Kept);
        Assert.False(r.FullReturn);
        Assert.Empty(r.CouponsRestored);
        Assert.Empty(r.GiftsReturned);
        Assert.Null(r.UsageReleased);
        Assert.Equal((new RuleSetRef("s16", "1"), "CNY", 2), (r.RuleSet, r.Currency, r.MinorDigits));
    }

    [Fact]
    public void The_rest_after_a_partial_return_is_a_full_return_that_gives_back_coupons_gifts_and_usage()
    {
        var original = ReturnSamples.Scenario16();
        var r = ReturnPricing.Price(original, After([("L1", 1)], ("L2", 1), ("L1", 2)));

        Assert.Equal(new ReturnLineResult[] { new("L1", 2, 122_66, 1600, 16_00), new("L2", 1, 46_00, 600, 6_00) }, r.Lines);
        Assert.Equal((168_66L, 2200L, 22_00L, 168L), (r.Refund, r.PointsRestored, r.PointsValue, r.PointsClawedBack));
        Assert.Equal(new FundingAmount[] { new("platform", 29_33), new("store", 22_00) }, r.Funding);
        Assert.Equal(new KeptAmounts(0, 0, 0), r.Kept);
        Assert.True(r.FullReturn);
        Assert.Equal(["P10-3321"], r.CouponsRestored);
        Assert.Same(original.Gifts, r.GiftsReturned);
        Assert.Same(original.Usage, r.UsageReleased);
    }

    [Fact]
    public void Json_in_and_out_matches_the_typed_call()
    {
        string json = ReturnPricing.PriceJson(ReturnSamples.Scenario16Json, """{ "previous": null, "now": [{ "line": "L1", "quantity": 1 }] }""");
        var expected = ReturnJson.Write(ReturnPricing.Price(ReturnSamples.Scenario16(), Now(("L1", 1))));
        Assert.Equal(expected, json);
        const string Expected =
            """{"ruleSet":{"id":"s16","version":"1"},"currency":"CNY","refund":61.34,"pointsRestored":800,"pointsValue":8.00,"pointsClawedBack":62,"lines":[{"id":"L1","returned":1,"refund":61.34,"pointsRestored":800,"pointsValue":8.00}],"funding":[{"party":"platform","amount":10.67},{"party":"store","amount":8.00}],"kept":{"payable":168.66,"pointsUsed":2200,"pointsEarned":168},"fullReturn":false,"couponsRestored":[],"giftsReturned":[],"usageReleased":null}""";
        Assert.Equal(Expected, json);
    }

    [Fact]
    public void The_full_return_writes_the_usage_as_the_result_has_it()
    {
        string json = ReturnPricing.PriceJson(ReturnSamples.Scenario16Json, """{ "now": [{ "line": "L1", "quantity": 3 }, { "line": "L2", "quantity": 1 }] }""");
        var node = JsonNode.Parse(json)!;
        Assert.Empty(JsonMatch.Exact(JsonNode.Parse(ReturnSamples.Scenario16Json)!["usage"], node["usageReleased"]));
        Assert.Contains("\"usageReleased\":{\"promotions\":{\"full-200\":{\"uses\":1,\"spent\":30.00}},\"coupons\":{\"plat-10\":{\"uses\":1,\"spent\":10.00}},\"codes\":[\"P10-3321\"]}", json);
        Assert.Contains("\"kept\":{\"payable\":0.00,", json);
    }

    [Fact]
    public void Parsed_elements_price_like_strings()
    {
        using var body = JsonDocument.Parse($$"""{ "result": {{ReturnSamples.Scenario16Json}}, "returns": { "now": [{ "line": "L2", "quantity": 1 }] } }""");
        var r = ReturnPricing.Price(body.RootElement.GetProperty("result"), body.RootElement.GetProperty("returns"));
        Assert.Equal(ReturnPricing.PriceJson(ReturnSamples.Scenario16Json, """{"now":[{"line":"L2","quantity":1}]}"""), ReturnJson.Write(r));
    }

    [Fact]
    public void The_result_document_reads_into_the_typed_result()
    {
        var read = ResultDocument.Read(ReturnSamples.Scenario16Json);
        var typed = ReturnSamples.Scenario16();
        Assert.Equal((typed.RuleSet, typed.Currency, typed.MinorDigits, typed.Subtotal, typed.Discount, typed.Total, typed.Points, typed.Payable),
            (read.RuleSet, read.Currency, read.MinorDigits, read.Subtotal, read.Discount, read.Total, read.Points, read.Payable));
        for (int i = 0; i < typed.Lines.Count; i++)
        {
            Assert.Equal(typed.Lines[i] with { Adjustments = [], Funding = [] }, read.Lines[i] with { Adjustments = [], Funding = [] });
            Assert.Equal(typed.Lines[i].Adjustments, read.Lines[i].Adjustments);
            Assert.Equal(typed.Lines[i].Funding, read.Lines[i].Funding);
        }
        Assert.Equal(typed.Funding, read.Funding);
        Assert.Equal(typed.Usage.Promotions, read.Usage.Promotions);
        Assert.Equal(typed.Usage.Coupons, read.Usage.Coupons);
        Assert.Equal(typed.Usage.Codes, read.Usage.Codes);
        Assert.Equal(typed.Coupons, read.Coupons);
        Assert.Equal(typed.Gifts, read.Gifts);
        Assert.Equal(typed.Applied[0] with { Lines = [] }, read.Applied[0] with { Lines = [] });
        Assert.Equal(CouponChoice.Exact, read.CouponChoice);
    }

    [Fact]
    public void Typed_requests_are_checked_like_documents()
    {
        var e = Assert.Throws<PromoValidationException>(() => ReturnPricing.Price(ReturnSamples.Scenario16(),
            After([("L1", 2), ("L9", 1), ("L1", 1)], ("L1", 2), ("L2", 0), ("L2", 1))));
        Assert.Equal(
        [
            "$.previous[1].line (returns): unknown line \"L9\"; the result's lines are L1, L2",
            "$.previous[2].line (returns): line \"L1\" is listed twice (first at $.previous[0])",
            "$.now[1].quantity (returns): must be 1 or more, got 0",
            "$.now[2].line (returns): line \"L2\" is listed twice (first at $.now[1])",
            "$.now[0].quantity (returns): line \"L1\" has 3 units: 2 returned before and 2 now make 4",
        ], e.Errors.Select(x => x.ToString()));
        Assert.All(e.Errors, x => Assert.Equal(ReturnPricing.ReturnsDocument, x.Document));
        Assert.Equal([ErrorCodes.UnknownLine, ErrorCodes.Duplicate, ErrorCodes.TooSmall, ErrorCodes.Duplicate, ErrorCodes.ExceedsQuantity], e.Errors.Select(x => x.Code));
    }

    [Fact]
    public void An_empty_now_is_an_error_at_now()
    {
        var e = Assert.Throws<PromoValidationException>(() => ReturnPricing.Price(ReturnSamples.Scenario16(), new ReturnRequest([])));
        Assert.Equal("$.now", Assert.Single(e.Errors).Path);
    }

    [Fact]
    public void Previous_alone_above_the_quantity_is_reported_at_previous_only()
    {
        var e = Assert.Throws<PromoValidationException>(() => ReturnPricing.Price(ReturnSamples.Scenario16(), After([("L2", 2)], ("L2", 1))));
        Assert.Equal("$.previous[0].quantity (returns): line \"L2\" has 1 unit; 2 cannot have been returned before", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void Quantities_near_the_64_bit_limit_do_not_overflow()
    {
        var e = Assert.Throws<PromoValidationException>(() => ReturnPricing.Price(ReturnSamples.Scenario16(), After([("L1", long.MaxValue)], ("L1", long.MaxValue))));
        Assert.Equal("$.previous[0].quantity", Assert.Single(e.Errors).Path);
        e = Assert.Throws<PromoValidationException>(() => ReturnPricing.Price(ReturnSamples.Scenario16(), After([("L1", 2)], ("L1", long.MaxValue))));
        Assert.Equal("$.now[0].quantity (returns): line \"L1\" has 3 units: 2 returned before and 9223372036854775807 now make 9223372036854775809",
            Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void A_typed_result_without_funding_is_refused_at_the_root_of_the_result()
    {
        var v1 = ReturnSamples.Scenario16() with { Funding = [], Lines = ReturnSamples.Scenario16().Lines.Select(l => l with { Funding = [] }).ToArray() };
        var e = Assert.Throws<PromoValidationException>(() => ReturnPricing.Price(v1, Now(("L9", 1))));
        Assert.All(e.Errors, x => Assert.Equal(("result", "$"), (x.Document, x.Path)));
        Assert.Equal(
        [
            "$ (result): $.lines[0].funding: sums to 0.00, not adjustments 32.00 + pointsValue 24.00 (spec §10)",
            "$ (result): $.lines[1].funding: sums to 0.00, not adjustments 8.00 + pointsValue 6.00 (spec §10)",
            "$ (result): $.funding: sums to 0.00, not discount 40.00 + points value 30.00 (spec §10)",
        ], e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void CheckResult_accepts_a_sound_result_and_lists_every_broken_invariant()
    {
        Assert.Empty(ReturnPricing.CheckResult(ReturnSamples.Scenario16()));
        var good = ReturnSamples.Scenario16();
        var broken = good with
        {
            Subtotal = good.Subtotal + 1,
            Payable = 0,
            Points = good.Points with { Used = 1 },
            Lines = [good.Lines[0] with { Payable = good.Lines[0].Payable - 1, Quantity = 0 }, good.Lines[1] with { Id = "L1" }],
            Funding = [new("store", 30_00), new("platform", 40_00)],
        };
        var messages = ReturnPricing.CheckResult(broken).Select(e => e.Message).ToArray();
        Assert.Equal(
        [
            "$.lines[0].quantity: must be 1 or more, got 0",
            "$.lines[0].payable: 183.99 is not amount 208.00 − pointsValue 24.00",
            "$.lines[1].id: line \"L1\" is listed twice",
            "$.subtotal: 300.01 is not the lines' listAmount sum 300.00",
            "$.total: 260.00 is not subtotal 300.01 − discount 40.00",
            "$.payable: 0.00 is not total 260.00 − points value 30.00",
            "$.payable: 0.00 is not the lines' payable sum 229.99",
            "$.points.used: 1 is not the lines' pointsUsed sum 3000",
            "$.points.earned: 230 points earned on an order that paid nothing in cash",
            "$.funding[1].party: parties come in ordinal order; \"platform\" comes after \"store\"",
        ], messages);
    }

    [Fact]
    public void Result_errors_come_first_and_alone()
    {
        string broken = ReturnSamples.Scenario16Json.Replace("\"discount\": 40.00", "\"discount\": 41.00", StringComparison.Ordinal);
        var e = Assert.Throws<PromoValidationException>(() => ReturnPricing.PriceJson(broken, """{ "now": [{ "line": "L9", "quantity": 0 }], "x": 1 }"""));
        Assert.All(e.Errors, x => Assert.Equal(("result", "$"), (x.Document, x.Path)));
    }

    [Fact]
    public void Malformed_json_is_an_error_at_the_root_of_its_document()
    {
        var e = Assert.Throws<PromoValidationException>(() => ReturnPricing.PriceJson("{", """{"now":[]}"""));
        Assert.Equal(("result", "$"), (Assert.Single(e.Errors).Document, e.Errors[0].Path));
        Assert.StartsWith("malformed JSON", e.Errors[0].Message, StringComparison.Ordinal);
        e = Assert.Throws<PromoValidationException>(() => ReturnPricing.PriceJson(ReturnSamples.Scenario16Json, "{\"now\": [}"));
        Assert.Equal(("returns", "$"), (Assert.Single(e.Errors).Document, e.Errors[0].Path));
    }

    [Fact]
    public void Money_is_read_by_value_and_refused_when_too_precise()
    {
        string wide = ReturnSamples.Scenario16Json.Replace("\"subtotal\": 300.00", "\"subtotal\": 300.000", StringComparison.Ordinal);
        Assert.Equal(300_00, ResultDocument.Read(wide).Subtotal);
        string precise = ReturnSamples.Scenario16Json.Replace("\"subtotal\": 300.00", "\"subtotal\": 300.001", StringComparison.Ordinal);
        var e = Assert.Throws<PromoValidationException>(() => ResultDocument.Read(precise));
        Assert.Equal("$.subtotal: 300.001 has more decimals than CNY allows (2)", Assert.Single(e.Errors).Message);
    }

    [Fact]
    public void A_currency_outside_the_table_is_read_with_the_digits_its_money_is_written_with()
    {
        string json = ReturnSamples.Scenario16Json.Replace("\"CNY\"", "\"XTS\"", StringComparison.Ordinal).Replace("300.00", "300.000", StringComparison.Ordinal);
        var read = ResultDocument.Read(json);
        Assert.Equal((3, 300_000L, 230_000L), (read.MinorDigits, read.Subtotal, read.Payable));
        string returned = ReturnPricing.PriceJson(json, """{"now":[{"line":"L1","quantity":1}]}""");
        Assert.Contains("\"refund\":61.334,", returned);
    }

    [Fact]
    public void The_request_document_reads_into_the_typed_request()
    {
        var request = ReturnRequestDocument.Read("""{ "previous": [{ "line": "L1", "quantity": 1 }], "now": [{ "quantity": 2, "line": "L2" }] }""");
        Assert.Equal([new ReturnLine("L1", 1)], request.Previous);
        Assert.Equal([new ReturnLine("L2", 2)], request.Now);
        Assert.Empty(ReturnRequestDocument.Read("""{ "now": [{ "line": "L2", "quantity": 1 }] }""").Previous);
        var e = Assert.Throws<PromoValidationException>(() => ReturnRequestDocument.Read("""{ "now": [{ "line": "L2", "quantity": 1, "line": "L3" }] }"""));
        Assert.Equal("$.now[0].line (returns): duplicate property 'line'", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void Every_return_error_of_the_scenarios_has_a_code_of_its_own()
    {
        int checkedErrors = 0;
        foreach (string file in Scenario.Files("Own").Concat(Scenario.Files("Shared")))
        {
            var scenario = Scenario.Load(file);
            if (scenario.ExpectReturnErrors is null) continue;
            string result = scenario.HasResult ? scenario.ResultJson : PricingEngine.FromJson(scenario.RulesJson).PriceJson(scenario.CartJson);
            var e = Assert.Throws<PromoValidationException>(() => ReturnPricing.PriceJson(result, scenario.ReturnsJson));
            foreach (var error in e.Errors)
            {
                Assert.True(error.Code != ErrorCodes.Invalid && typeof(ErrorCodes).GetFields().Any(f => (string?)f.GetRawConstantValue() == error.Code),
                    $"{file}: {error} has code {error.Code}");
                checkedErrors++;
            }
        }
        Assert.True(checkedErrors > 50, $"only {checkedErrors} errors checked");
    }

    [Fact]
    public void Result_errors_carry_what_is_wrong_in_their_code()
    {
        string[] Codes(string result, string returns) =>
            Assert.Throws<PromoValidationException>(() => ReturnPricing.PriceJson(result, returns)).Errors.Select(e => e.Code).Distinct().ToArray();
        string Changed(Action<JsonObject> change)
        {
            var node = JsonNode.Parse(ReturnSamples.Scenario16Json)!.AsObject();
            change(node);
            return node.ToJsonString();
        }
        const string one = """{"now":[{"line":"L1","quantity":1}]}""";

        Assert.Equal([ErrorCodes.BrokenResult], Codes(Changed(r => r["subtotal"] = 300.01m), one));
        Assert.Equal([ErrorCodes.Required], Codes(Changed(r => { r.Remove("funding"); r.Remove("usage"); }), one));
        Assert.Equal([ErrorCodes.TooSmall], Codes(Changed(r => r["points"]!["earned"] = -1), one));
        Assert.Equal([ErrorCodes.Negative], Codes(Changed(r => r["points"]!["value"] = -30.00m), one));
        Assert.Equal([ErrorCodes.TooManyDecimals], Codes(Changed(r => r["payable"] = 230.001m), one));
        Assert.Equal([ErrorCodes.UnknownProperty], Codes(Changed(r => r["extra"] = 1), one));
        Assert.Equal([ErrorCodes.MalformedJson], Codes("{", one));
        Assert.Equal([ErrorCodes.MalformedJson], Codes(ReturnSamples.Scenario16Json, "{"));
    }

    [Fact]
    public void Strings_escaping_a_lone_surrogate_are_located_errors_not_crashes()
    {
        var e = Assert.Throws<PromoValidationException>(() => ReturnPricing.PriceJson(ReturnSamples.Scenario16Json, """{"now":[{"line":"\ud800","quantity":1}]}"""));
        Assert.Equal(("$.now[0].line", ErrorCodes.InvalidString), (Assert.Single(e.Errors).Path, e.Errors[0].Code));
        e = Assert.Throws<PromoValidationException>(() => ReturnPricing.PriceJson(ReturnSamples.Scenario16Json, """{"now":[{"line":"L1","quantity":1}],"\udc00":1}"""));
        Assert.Equal(("$", ErrorCodes.InvalidString), (Assert.Single(e.Errors).Path, e.Errors[0].Code));
        string result = ReturnSamples.Scenario16Json.Replace("\"sku\": \"A\"", "\"sku\": \"\\ud800\"", StringComparison.Ordinal)
            .Replace("\"currency\": \"CNY\"", "\"currency\": \"CNY\", \"\\udfff\": 1", StringComparison.Ordinal);
        e = Assert.Throws<PromoValidationException>(() => ReturnPricing.PriceJson(result, """{"now":[{"line":"L1","quantity":1}]}"""));
        Assert.All(e.Errors, x => Assert.Equal(("$", ErrorCodes.InvalidString), (x.Path, x.Code)));
        Assert.Equal(2, e.Errors.Count);
    }

    public static TheoryData<string> PricedScenarios()
    {
        var data = new TheoryData<string>();
        foreach (string file in Scenario.Files("Shared").Concat(Scenario.Files("Own")))
            if (Scenario.Load(file) is { ExpectErrors: null, Prices: true }) data.Add(file);
        return data;
    }

    [Theory]
    [MemberData(nameof(PricedScenarios))]
    public void Every_result_the_engine_writes_reads_back_to_the_same_json(string file)
    {
        var scenario = Scenario.Load(file);
        var engine = PricingEngine.FromJson(scenario.RulesJson);
        string written = engine.PriceJson(scenario.CartJson);
        var read = ResultDocument.Read(written);
        Assert.Equal(written, PromoEngine.Results.ResultJson.Write(read));
        Assert.Empty(ReturnPricing.CheckResult(engine.Price(PricingEngine.ReadCart(scenario.CartJson))));
    }
}
