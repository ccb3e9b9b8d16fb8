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

    [Fact]
    public void A_schema_keyword_outside_the_subset_is_refused()
    {
        using var schema = JsonDocument.Parse("""{"type":"object","additionalProperties":false}""");
        using var instance = JsonDocument.Parse("{}");

        Assert.NotEmpty(JsonSchemaValidator.Validate(schema.RootElement, instance.RootElement));
    }
}
