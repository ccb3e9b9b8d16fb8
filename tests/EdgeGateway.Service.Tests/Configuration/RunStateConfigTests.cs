using EdgeGateway.Configuration;
using EdgeGateway.Pipeline;

namespace EdgeGateway.Service.Tests.Configuration;

/// <summary>
/// Run-state channels (the shipped CEMS profile's desulfurizer, SB1) in a site config: in the channel table, but in no
/// outlet and under no limit, and only their equipment code may be changed.
/// </summary>
public sealed class RunStateConfigTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("egw-runstate-").FullName;

    private static string Profiles => Path.Combine(AppContext.BaseDirectory, "profiles");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_run_state_channel_is_in_the_channel_table_but_in_no_outlet()
    {
        var settings = Load(Site(), out var errors);

        Assert.Empty(errors);
        Assert.NotNull(settings);
        Assert.True(settings.Channels.TryFind("cems.desulfurizer", out var desulfurizer));
        Assert.Equal((ChannelKind.RunState, "SB1"), (desulfurizer.Kind, desulfurizer.Code));
        var outlet = Assert.Single(settings.Aggregation.Outlets);
        Assert.DoesNotContain(desulfurizer.Index, outlet.Channels);
        Assert.Contains(settings.Channels.Channels.Single(channel => channel.Key == "cems.so2").Index, outlet.Channels);
    }

    [Fact]
    public void The_site_may_give_a_run_state_channel_another_equipment_code()
    {
        var settings = Load(Site(channels: """, "channels": { "desulfurizer": { "code": "SB3" } }"""), out var errors);

        Assert.Empty(errors);
        Assert.True(settings!.Channels.TryFind("cems.desulfurizer", out var desulfurizer));
        Assert.Equal("SB3", desulfurizer.Code);
    }

    [Theory]
    [InlineData(
        """, "channels": { "desulfurizer": { "code": "a21026", "stuckAfter": "1h" } }""", "", "cems.flow",
        "buses[0].devices[0].channels.desulfurizer.code: 'a21026' is not an HJ 212 equipment code (SB and 1 to 3 digits, e.g. SB1); this is a run-state channel",
        "buses[0].devices[0].channels.desulfurizer.stuckAfter: does not apply to a run-state channel (a treatment facility's state, not a measured value); only code may be set")]
    [InlineData(
        "", """, "limits": [ { "channel": "cems.desulfurizer", "quantity": "realTime", "limit": 3, "unit": "" } ]""", "cems.flow",
        "limits[0].channel: cems.desulfurizer is a run-state channel (SB1): a treatment facility's state has no emission limit", null)]
    [InlineData(
        "", "", "cems.desulfurizer",
        "outlets[0].flowChannel: channel 'cems.desulfurizer' is a run-state channel (SB1), not a measured value", null)]
    public void Run_state_channels_refuse_what_only_measured_values_have(string channels, string tail, string flow, string first, string? second)
    {
        var settings = Load(Site(channels, tail, flow), out var errors);

        Assert.Null(settings);
        string[] expected = second is null ? [first] : [first, second];
        Assert.Equal(expected, errors.Select(error => $"{error.Key}: {error.Message}"));
    }

    private static string Site(string channels = "", string tail = "", string flow = "cems.flow") => $$"""
        {
          "gatewayId": "cabinet-07",
          "site": { "utcOffset": "+08:00" },
          "profileDirectories": [ "{{Profiles}}" ],
          "buses": [ { "name": "rs485-1", "port": "/dev/null", "devices": [ { "name": "cems", "profile": "cems-flue-gas", "slave": 1 {{channels}} } ] } ],
          "outlets": [ { "name": "DA001", "kind": "flueGas", "devices": [ "cems" ], "oxygenChannel": "cems.o2", "referenceOxygenPercent": 6, "flowChannel": "{{flow}}" } ],
          "uplink": { "broker": "mqtt://platform.example:1883" }
          {{tail}}
        }
        """;

    private GatewaySettings? Load(string json, out IReadOnlyList<ConfigError> errors)
    {
        var file = Path.Combine(_directory, "gateway.json");
        File.WriteAllText(file, json);
        return GatewayConfigLoader.Load(file, "test", [Profiles], out errors);
    }
}
