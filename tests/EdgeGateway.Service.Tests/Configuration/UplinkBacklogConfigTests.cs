using EdgeGateway.Configuration;
using EdgeGateway.Uplink.Contract;

namespace EdgeGateway.Service.Tests.Configuration;

/// <summary>
/// The uplink keys of issue 18: the backlog's pace (acknowledgements by default, an optional rate cap) and the form of
/// aggregate messages (batch by default, the single form by configuration).
/// </summary>
public sealed class UplinkBacklogConfigTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("egw-uplink-backlog-").FullName;

    private static string Profiles => Path.Combine(AppContext.BaseDirectory, "profiles");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void By_default_the_backlog_follows_the_acknowledgements_and_aggregate_records_are_batched()
    {
        var settings = Load("""{ "broker": "mqtt://127.0.0.1" }""", out var errors);

        Assert.Empty(errors);
        Assert.NotNull(settings);
        Assert.Null(settings.Publisher.BacklogMessagesPerSecond);
        Assert.Equal(AggregateMessageForm.Batch, settings.AggregateMessages);
    }

    [Fact]
    public void A_rate_cap_and_the_single_form_are_read_when_configured()
    {
        var settings = Load("""{ "broker": "mqtt://127.0.0.1", "backlogMessagesPerSecond": 50, "aggregateMessages": "single" }""", out var errors);

        Assert.Empty(errors);
        Assert.NotNull(settings);
        Assert.Equal(50, settings.Publisher.BacklogMessagesPerSecond);
        Assert.Equal(AggregateMessageForm.Single, settings.AggregateMessages);
    }

    [Fact]
    public void A_bad_rate_or_form_is_named_with_its_key_and_file()
    {
        Load("""{ "broker": "mqtt://127.0.0.1", "backlogMessagesPerSecond": 0, "aggregateMessages": "several" }""", out var errors);

        var text = string.Join('\n', errors.Select(error => $"{error.Key}: {error.Message}"));
        Assert.Contains("uplink.backlogMessagesPerSecond: 0 must be a positive number", text, StringComparison.Ordinal);
        Assert.Contains("uplink.aggregateMessages: 'several' is not one of: batch, single", text, StringComparison.Ordinal);
        Assert.All(errors, error => Assert.EndsWith("gateway.json", error.Source, StringComparison.Ordinal));
    }

    private GatewaySettings? Load(string uplink, out IReadOnlyList<ConfigError> errors)
    {
        var file = Path.Combine(_directory, "gateway.json");
        File.WriteAllText(file, $$"""
            { "gatewayId": "gw", "profileDirectories": [ "{{Profiles}}" ],
              "buses": [ { "name": "tcp-1", "port": "tcp://127.0.0.1:502", "devices": [ { "name": "cems", "profile": "cems-flue-gas", "slave": 1 } ] } ],
              "uplink": {{uplink}}, "storage": { "directory": "{{_directory}}/state" } }
            """);
        return GatewayConfigLoader.Load(file, "test", [Profiles], out errors);
    }
}
