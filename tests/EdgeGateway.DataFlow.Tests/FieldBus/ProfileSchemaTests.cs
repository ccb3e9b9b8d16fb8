using System.Text.Json;
using EdgeGateway.FieldBus.Profiles;

namespace EdgeGateway.DataFlow.Tests.FieldBus;

/// <summary>The schema is written by hand; these keep its name lists in step with what the loader accepts.</summary>
public sealed class ProfileSchemaTests
{
    [Fact]
    public void The_schema_is_strict_json_of_draft_2020_12()
    {
        using var schema = LoadSchema();

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.RootElement.GetProperty("$schema").GetString());
    }

    [Theory]
    [InlineData("table", ProfileNames.Tables)]
    [InlineData("type", ProfileNames.Types)]
    [InlineData("byteOrder", ProfileNames.ByteOrders)]
    [InlineData("meaning", ProfileNames.Meanings)]
    [InlineData("runState", ProfileNames.RunStates)]
    public void Schema_enumerations_match_the_loader(string definition, string loaderNames)
    {
        using var schema = LoadSchema();
        var names = schema.RootElement.GetProperty("$defs").GetProperty(definition).GetProperty("enum").EnumerateArray().Select(name => name.GetString());

        Assert.Equal(loaderNames.Split(' '), names);
    }

    [Fact]
    public void Schema_kinds_match_the_loader()
    {
        using var schema = LoadSchema();
        var names = schema.RootElement.GetProperty("properties").GetProperty("kind").GetProperty("enum").EnumerateArray().Select(name => name.GetString());

        Assert.Equal(ProfileNames.Kinds.Split(' '), names);
    }

    // JsonDocument's defaults reject comments and trailing commas: the schema must stay strict JSON for other tools.
    private static JsonDocument LoadSchema() => JsonDocument.Parse(File.ReadAllBytes(RepositoryFiles.Profile("profile.schema.json")));
}
