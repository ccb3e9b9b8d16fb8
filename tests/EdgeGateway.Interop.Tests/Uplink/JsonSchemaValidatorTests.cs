using System.Text.Json;

namespace EdgeGateway.Interop.Tests.Uplink;

/// <summary>The test validator really rejects what the schemas forbid, so a passing schema check means something.</summary>
public sealed class JsonSchemaValidatorTests
{
    private const string ValidReadings = """
        {"gatewayId":"gw","schemaVersion":1,"storeId":"s","firstSequence":1,"lastSequence":1,
         "readings":[{"sequence":1,"channel":"cems.so2","code":"a21026","unit":"mg/m3","time":"2026-03-01T08:00:00.000Z","value":1.5,"raw":3,"flag":"N","reason":"none"}]}
        """;

    [Fact]
    public void A_valid_readings_message_passes()
    {
        using var schemas = new ContractSchemas();

        Assert.Empty(schemas.Validate("readings", System.Text.Encoding.UTF8.GetBytes(ValidReadings)));
    }

    [Theory]
    [InlineData("\"schemaVersion\":1", "\"schemaVersion\":2", "not one of")]
    [InlineData("\"firstSequence\":1", "\"firstSequence\":0", "below the minimum")]
    [InlineData("\"flag\":\"N\"", "\"flag\":\"X\"", "not one of")]
    [InlineData("\"value\":1.5", "\"value\":\"1.5\"", "not of type")]
    [InlineData("\"gatewayId\":\"gw\",", "", "required property 'gatewayId'")]
    [InlineData("\"lastSequence\":1", "\"lastSequence\":1.5", "not of type")]
    public void A_message_breaking_the_schema_is_reported(string find, string replace, string expected)
    {
        using var schemas = new ContractSchemas();

        var problems = schemas.Validate("readings", System.Text.Encoding.UTF8.GetBytes(ValidReadings.Replace(find, replace, StringComparison.Ordinal)));

        Assert.Contains(problems, problem => problem.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"gatewayId":"gw","schemaVersion":1,"command":"ping","id":"a","ok":true,"result":{"time":"t","version":"1"}}""")]
    [InlineData("""{"gatewayId":"gw","schemaVersion":1,"command":"history","id":7,"ok":true,"result":{"accepted":true,"period":"minute","begin":"b","end":"e","records":0,"truncated":false}}""")]
    [InlineData("""{"gatewayId":"gw","schemaVersion":1,"command":"nope","ok":false,"error":{"code":"unknown-command","message":"m"}}""")]
    public void Valid_command_replies_pass(string reply)
    {
        using var schemas = new ContractSchemas();

        Assert.Empty(schemas.ValidateReply(System.Text.Encoding.UTF8.GetBytes(reply)));
    }

    [Theory]
    [InlineData("""{"gatewayId":"gw","schemaVersion":1,"command":"ping","ok":true}""", "required property 'result'")]
    [InlineData("""{"gatewayId":"gw","schemaVersion":1,"command":"ping","ok":false}""", "required property 'error'")]
    [InlineData("""{"gatewayId":"gw","schemaVersion":1,"command":"ping","ok":true,"result":{"time":"t"}}""", "required property 'version'")]
    [InlineData("""{"gatewayId":"gw","schemaVersion":1,"command":"x","ok":false,"error":{"code":"oops","message":"m"}}""", "not one of")]
    [InlineData("""{"gatewayId":"gw","schemaVersion":1,"command":"history","ok":true,"result":{"accepted":false,"period":"minute","begin":"b","end":"e","records":0,"truncated":false}}""", "is not true")]
    [InlineData("""{"gatewayId":"gw","schemaVersion":1,"command":"ping","id":1.5,"ok":true,"result":{"time":"t","version":"1"}}""", "not of type")]
    public void A_reply_breaking_the_schema_is_reported(string reply, string expected)
    {
        using var schemas = new ContractSchemas();

        var problems = schemas.ValidateReply(System.Text.Encoding.UTF8.GetBytes(reply));

        Assert.Contains(problems, problem => problem.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("set-time", """{"time":"2026-03-01T08:00:00Z","systemTime":"20260301160000"}""", "matches 2 of the oneOf")]
    [InlineData("set-time", """{}""", "matches 0 of the oneOf")]
    [InlineData("set-rt-interval", """{"seconds":3601}""", "above the maximum")]
    [InlineData("history", """{"period":"minute","end":"2026-03-01T09:00:00Z"}""", "matches 0 of the oneOf")]
    [InlineData("history", """{"begin":"2026-03-01T08:00:00Z","end":"2026-03-01T09:00:00Z"}""", "none of the anyOf")]
    [InlineData("ping", """{"id":"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"}""", "longer than 128")]
    public void A_request_breaking_its_command_schema_is_reported(string command, string request, string expected)
    {
        using var schemas = new ContractSchemas();

        var problems = schemas.Validate("cmd/" + command, System.Text.Encoding.UTF8.GetBytes(request));

        Assert.Contains(problems, problem => problem.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_schema_keyword_outside_the_subset_is_refused()
    {
        using var schema = JsonDocument.Parse("""{"type":"object","additionalProperties":false}""");
        using var instance = JsonDocument.Parse("{}");

        Assert.NotEmpty(JsonSchemaValidator.Validate(schema.RootElement, instance.RootElement));
    }
}
