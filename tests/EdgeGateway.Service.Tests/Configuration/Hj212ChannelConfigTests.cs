using EdgeGateway.Configuration;

namespace EdgeGateway.Service.Tests.Configuration;

/// <summary>
/// Issue 17 item 10: the CEMS and the dust meter of one outlet both gave a01011-a01014 and a00000, so each minute went
/// to a platform as two 2051s of one DataTime with different values. An outlet gives each HJ 212 code once; a device's
/// channels are kept out of HJ 212 with <c>hj212.exclude</c>. Item 9: a site code must fit the channel's unit.
/// </summary>
public sealed class Hj212ChannelConfigTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("egw-hj212-").FullName;

    private static string Profiles => Path.Combine(AppContext.BaseDirectory, "profiles");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void An_outlet_where_two_channels_give_one_hj212_code_is_refused_naming_both_channels_the_code_the_outlet_and_the_file()
    {
        var settings = Load(dustSettings: "", out var errors, out var file);

        Assert.Null(settings);
        var text = string.Join('\n', errors.Select(error => error.ToString()));
        foreach (var (cems, dust, code) in new[] { ("velocity", "velocity", "a01011"), ("temperature", "temperature", "a01012"), ("pressure", "pressure", "a01013"), ("humidity", "humidity", "a01014"), ("flow", "flow", "a00000") })
        {
            Assert.Contains($"{file}: outlets[0].devices: channels cems.{cems} and dust.{dust} both give HJ 212 code {code} in this outlet", text, StringComparison.Ordinal);
        }

        // The dust meter's totalisers are their rates' -Cou, not a second a00000 or a34013.
        Assert.DoesNotContain("dust.flow-total", text, StringComparison.Ordinal);
        Assert.DoesNotContain("a34013", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Hj212_exclude_keeps_the_dust_meters_duplicates_out_and_its_flow_total_with_its_flow()
    {
        var settings = Load(dustSettings: """, "hj212": { "exclude": [ "velocity", "temperature", "pressure", "humidity", "flow" ] }""", out var errors, out _);

        Assert.Empty(errors);
        Assert.NotNull(settings);
        Assert.True(settings.Channels.TryFind("dust.flow", out var flow));
        Assert.True(settings.Channels.TryFind("dust.flow-total", out var flowTotal));
        Assert.True(settings.Channels.TryFind("dust.particulate-total", out var particulateTotal));
        Assert.True(settings.Channels.TryFind("cems.flow", out var cemsFlow));
        Assert.Null(flow.Hj212Code);
        Assert.Null(flowTotal.Hj212Code);
        Assert.Equal(flow.Index, flowTotal.RateChannel);
        Assert.Null(particulateTotal.Hj212Code);
        Assert.Equal("a00000", cemsFlow.Hj212Code);
    }

    [Fact]
    public void An_exclusion_of_a_channel_the_profile_lacks_is_named()
    {
        Load(dustSettings: """, "hj212": { "exclude": [ "velocity", "temperature", "pressure", "humidity", "flow", "speed" ] }""", out var errors, out _);

        var error = Assert.Single(errors);
        Assert.Equal("buses[0].devices[1].hj212.exclude[5]", error.Key);
        Assert.StartsWith("profile particulate-flow-meter has no channel 'speed'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_site_code_whose_unit_does_not_fit_the_channel_is_refused()
    {
        // cems.o2 is in %: it cannot be SO2 (mg/m³).
        Load(dustSettings: """, "hj212": { "exclude": [ "velocity", "temperature", "pressure", "humidity", "flow" ] }""", out var errors, out _, cemsSettings: """, "channels": { "o2": { "code": "a21026" } }""");

        var error = Assert.Single(errors);
        Assert.Equal("buses[0].devices[0].channels.o2.code", error.Key);
        Assert.Equal("channel o2 (cems-generic-flue-gas): unit '%' cannot be converted to 'mg/m³' (or ppm, converted to mg/m³), the HJ 212 unit of a21026", error.Message);
    }

    private GatewaySettings? Load(string dustSettings, out IReadOnlyList<ConfigError> errors, out string file, string cemsSettings = "")
    {
        file = Path.Combine(_directory, "gateway.json");
        File.WriteAllText(file, $$"""
            { "gatewayId": "gw", "profileDirectories": [ "{{Profiles}}" ],
              "buses": [ { "port": "tcp://127.0.0.1:502", "devices": [
                { "name": "cems", "profile": "cems-flue-gas", "slave": 1 {{cemsSettings}} },
                { "name": "dust", "profile": "particulate-flow", "slave": 2 {{dustSettings}} } ] } ],
              "outlets": [ { "name": "DA001", "kind": "flueGas", "devices": [ "cems", "dust" ], "flowChannel": "cems.flow" } ],
              "uplink": { "broker": "mqtt://127.0.0.1" }, "storage": { "directory": "{{_directory}}" } }
            """);
        return GatewayConfigLoader.Load(file, "test", [Profiles], out errors);
    }
}
