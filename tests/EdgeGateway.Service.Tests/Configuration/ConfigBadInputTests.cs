using EdgeGateway.Configuration;

namespace EdgeGateway.Service.Tests.Configuration;

/// <summary>
/// Issue 14, defect 5: no path through gateway.json ends in a stack trace. Each bad input gets an error naming its key
/// (or, for a file that is not JSON, its line and column); the loader itself never throws.
/// </summary>
public sealed class ConfigBadInputTests : IDisposable
{
    private const string Site = """{ "name": "Plant 3", "utcOffset": "+08:00" }""";
    private const string Device = """{ "name": "cems", "profile": "cems-flue-gas", "slave": 1, "pollInterval": "2s" }""";
    private const string Outlet = """{ "name": "DA001", "kind": "flueGas", "devices": [ "cems" ], "oxygenChannel": "cems.o2", "referenceOxygenPercent": 6, "minuteInterval": 5 }""";
    private const string Uplink = """{ "broker": "mqtt://127.0.0.1", "batchSize": 50 }""";

    private readonly string _directory = Directory.CreateTempSubdirectory("egw-badconfig-").FullName;

    private static string Profiles => Path.Combine(AppContext.BaseDirectory, "profiles");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_base_config_of_these_cases_is_valid()
    {
        var settings = Load(Config(), out var errors);
        Assert.Empty(errors);
        Assert.NotNull(settings);
    }

    [Theory]
    [InlineData("+14:01", "is beyond ±14:00")]
    [InlineData("+15:00", "is beyond ±14:00")]
    [InlineData("+25:00", "is beyond ±14:00")]
    [InlineData("-14:30", "is beyond ±14:00")]
    [InlineData("+08:60", "mm below 60")]
    [InlineData("+8", "is not an offset")]
    [InlineData("", "is not an offset")]
    public void Site_utcOffset_out_of_range_is_a_keyed_error_not_a_crash(string offset, string message)
    {
        var settings = Load(Config(site: $$"""{ "name": "Plant 3", "utcOffset": "{{offset}}" }"""), out var errors);

        Assert.Null(settings);
        var error = Assert.Single(errors);
        Assert.Equal("site.utcOffset", error.Key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"gatewayId\": \"gw\"\n  \"site\": {} }", 2, 3, "'\"' is invalid after a value")]
    [InlineData("{ \"gatewayId\": \"gw\",\n  \"buses\": [ { \"name\": \"a\" ]\n}", 2, 28, "']' is invalid")]
    [InlineData("{ \"gatewayId\": \"gw\",\n  \"site\": { \"name\": \"x\" }\n", 3, 1, "Expected depth to be zero")]
    [InlineData("{ \"gatewayId\": \"gw\", \"site\": { \"name\": \"Plant 3 ☂\", \"x\": tru } }", 1, 61, "'tru")]
    [InlineData("", 1, 1, "input does not contain any JSON tokens")]
    public void Config_file_syntax_error_names_line_column_and_reason(string json, int line, int column, string reason)
    {
        var settings = Load(json, out var errors);

        Assert.Null(settings);
        var error = Assert.Single(errors);
        Assert.Equal("(file)", error.Key);
        Assert.StartsWith($"line {line}, column {column}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_file_duplicate_key_names_its_key_path_and_both_lines()
    {
        var json = Config(device: """
            { "name": "cems", "profile": "cems-flue-gas", "slave": 1,
              "Slave": 2 }
            """);
        var settings = Load(json, out var errors);

        Assert.Null(settings);
        var error = Assert.Single(errors);
        Assert.Equal("buses[0].devices[0].Slave", error.Key);
        var first = LineOf(json, "\"slave\": 1");
        Assert.Equal($"line {first + 1}: duplicate key 'Slave' (first at line {first}; keys are matched without regard to case): the configuration would silently keep only one", error.Message);
    }

    [Fact]
    public void Config_file_duplicate_top_level_key_is_named()
    {
        var settings = Load("""{ "gatewayId": "a", "gatewayId": "b" }""", out var errors);

        Assert.Null(settings);
        Assert.Equal("gatewayId", Assert.Single(errors).Key);
    }

    [Fact]
    public void Unknown_profile_is_reported_once_without_a_false_missing_device_in_outlets()
    {
        var settings = Load(Config(device: """{ "name": "cems", "profile": "no-such-profile", "slave": 1 }"""), out var errors);

        Assert.Null(settings);
        var error = Assert.Single(errors);
        Assert.Equal("buses[0].devices[0].profile", error.Key);
        Assert.StartsWith("unknown profile 'no-such-profile'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_that_is_on_no_bus_is_still_reported_in_its_outlet()
    {
        var settings = Load(Config(outlet: """{ "name": "DA001", "kind": "flueGas", "devices": [ "cems", "ghost" ] }"""), out var errors);

        Assert.Null(settings);
        Assert.Equal("outlets[0].devices[1]: no device 'ghost' on any bus", Assert.Single(errors, error => error.Key.StartsWith("outlets", StringComparison.Ordinal)) is { } e ? $"{e.Key}: {e.Message}" : null);
    }

    // A sweep of odd values, each with the key its error must name.
    [Theory]
    [InlineData("site", """{ "utcOffset": 8 }""", "site.utcOffset")]
    [InlineData("site", """{ "utcOffset": null }""", null)]
    [InlineData("site", "\"plain\"", "site")]
    [InlineData("device", """{ "name": "cems", "profile": "cems-flue-gas", "slave": 99999999999 }""", "buses[0].devices[0].slave")]
    [InlineData("device", """{ "name": "cems", "profile": "cems-flue-gas", "slave": -1 }""", "buses[0].devices[0].slave")]
    [InlineData("device", """{ "name": "cems", "profile": "cems-flue-gas", "slave": 1.5 }""", "buses[0].devices[0].slave")]
    [InlineData("device", """{ "name": "cems", "profile": "cems-flue-gas", "slave": "1" }""", null)]
    [InlineData("device", """{ "name": "cems", "profile": "cems-flue-gas", "slave": 1, "pollInterval": "-5s" }""", "buses[0].devices[0].pollInterval")]
    [InlineData("device", """{ "name": "cems", "profile": "cems-flue-gas", "slave": 1, "pollInterval": "" }""", "buses[0].devices[0].pollInterval")]
    [InlineData("device", """{ "name": "cems", "profile": "cems-flue-gas", "slave": 1, "pollInterval": "99999999999999999999d" }""", "buses[0].devices[0].pollInterval")]
    [InlineData("device", """{ "name": "cems", "profile": "cems-flue-gas", "slave": 1, "pollInterval": "1e400s" }""", "buses[0].devices[0].pollInterval")]
    [InlineData("device", """{ "name": "cems", "profile": "cems-flue-gas", "slave": 1, "timeout": "0ms" }""", "buses[0].devices[0].timeout")]
    [InlineData("device", """{ "name": "cems", "profile": "cems-flue-gas", "slave": 1, "retries": 2147483648 }""", "buses[0].devices[0].retries")]
    [InlineData("device", """{ "name": "", "profile": "cems-flue-gas", "slave": 1 }""", "buses[0].devices[0].name")]
    [InlineData("device", """{ "name": "cems", "profile": "", "slave": 1 }""", "buses[0].devices[0].profile")]
    [InlineData("device", """{ "name": "cems", "profile": "cems-flue-gas", "slave": 1, "channels": { "so2": { "rangeMin": 1e308, "rangeMax": -1e308 } } }""", "buses[0].devices[0].channels.so2.rangeMax")]
    [InlineData("device", """{ "name": "cems", "profile": "cems-flue-gas", "slave": 1, "channels": { "so2": { "gain": "NaN" } } }""", "buses[0].devices[0].channels.so2.gain")]
    [InlineData("outlet", """{ "name": "DA001", "kind": "flueGas", "devices": [ "cems" ], "minuteInterval": 0 }""", "outlets[0].minuteInterval")]
    [InlineData("outlet", """{ "name": "DA001", "kind": "flueGas", "devices": [ "cems" ], "minuteInterval": -5 }""", "outlets[0].minuteInterval")]
    [InlineData("outlet", """{ "name": "DA001", "kind": "flueGas", "devices": [ "cems" ], "referenceOxygenPercent": 1e300 }""", "outlets[0].referenceOxygenPercent")]
    [InlineData("outlet", """{ "name": "", "kind": "flueGas", "devices": [ "cems" ] }""", "outlets[0].name")]
    [InlineData("uplink", """{ "broker": "mqtt://127.0.0.1", "batchSize": 0 }""", "uplink.batchSize")]
    [InlineData("uplink", """{ "broker": "mqtt://127.0.0.1", "batchSize": -1 }""", "uplink.batchSize")]
    [InlineData("uplink", """{ "broker": "mqtt://127.0.0.1", "batchSize": 1e30 }""", "uplink.batchSize")]
    [InlineData("uplink", """{ "broker": "mqtt://127.0.0.1", "maxInFlight": "many" }""", "uplink.maxInFlight")]
    [InlineData("uplink", """{ "broker": "mqtt://127.0.0.1", "keepAlive": "-1s" }""", "uplink.keepAlive")]
    [InlineData("uplink", """{ "broker": "mqtt://127.0.0.1", "batchDelay": "1e400s" }""", "uplink.batchDelay")]
    [InlineData("uplink", """{ "broker": "" }""", "uplink.broker")]
    [InlineData("uplink", """{ "broker": "mqtt://127.0.0.1:99999" }""", "uplink.broker")]
    [InlineData("uplink", """{ "broker": "mqtt://127.0.0.1", "topicRoot": "" }""", "uplink.topicRoot")]
    [InlineData("uplink", """{ "broker": "mqtt://127.0.0.1", "topicRoot": "$SYS/x" }""", "uplink.topicRoot")]
    [InlineData("uplink", """{ "broker": "mqtt://127.0.0.1", "replyTopicRoot": "egw/{gatewayId}" }""", "uplink.replyTopicRoot")]
    [InlineData("uplink", """{ "broker": "mqtt://127.0.0.1", "replyTopicRoot": "egw/{gatewayId}/readings/replies" }""", "uplink.replyTopicRoot")]
    [InlineData("uplink", """{ "broker": "mqtt://127.0.0.1", "replyTopicRoot": "$SYS/replies" }""", "uplink.replyTopicRoot")]
    [InlineData("uplink", """{ "broker": "mqtt://127.0.0.1", "replyTopicRoot": "replies/+" }""", "uplink.replyTopicRoot")]
    [InlineData("uplink", """{ "broker": "mqtt://127.0.0.1", "payload": "hj212", "hj212": { "mn": "", "pw": "" } }""", "uplink.hj212.mn")]
    [InlineData("storage", """{ "maxSize": "-1GiB" }""", "storage.maxSize")]
    [InlineData("storage", """{ "maxSize": "99999999999999TiB" }""", "storage.maxSize")]
    [InlineData("storage", """{ "maxSize": "" }""", "storage.maxSize")]
    [InlineData("storage", """{ "retention": { "realTime": "-3d" } }""", "storage.retention.realTime")]
    [InlineData("storage", """{ "retention": { "realTime": "99999999999999999d" } }""", "storage.retention.realTime")]
    [InlineData("storage", """{ "directory": "" }""", "storage.directory")]
    [InlineData("control", """{ "socket": "" }""", "control.socket")]
    [InlineData("port", "\"\"", "buses[0].port")]
    [InlineData("port", "\"tcp://:0\"", "buses[0].port")]
    [InlineData("port", "\"tcp://127.0.0.1:99999999999\"", "buses[0].port")]
    [InlineData("port", "\"rtu+tcp://\"", "buses[0].port")]
    [InlineData("port", "17", null)]
    public void Odd_config_values_get_a_keyed_error(string part, string value, string? key)
    {
        var json = part switch
        {
            "control" => Config(control: value),
            "port" => Config(port: value),
            "site" => Config(site: value),
            "device" => Config(device: value),
            "outlet" => Config(outlet: value),
            "uplink" => Config(uplink: value),
            _ => Config(storage: value),
        };

        var settings = Load(json, out var errors);

        if (key is null)
        {
            // Accepted as the default or as written: the point is that it does not crash.
            Assert.True(settings is not null || errors.Count > 0);
            return;
        }

        Assert.Null(settings);
        Assert.Contains(errors, error => error.Key == key);
        Assert.All(errors, error => Assert.False(string.IsNullOrWhiteSpace(error.Message)));
    }

    private static int LineOf(string text, string what) => text[..text.IndexOf(what, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    private string Config(string site = Site, string device = Device, string outlet = Outlet, string uplink = Uplink, string? storage = null, string control = "{}", string port = "\"tcp://127.0.0.1:502\"") => $$"""
        {
          "gatewayId": "gw",
          "site": {{site}},
          "profileDirectories": [ "{{Profiles}}" ],
          "buses": [ { "name": "tcp-1", "port": {{port}}, "devices": [ {{device}} ] } ],
          "outlets": [ {{outlet}} ],
          "uplink": {{uplink}},
          "storage": {{storage ?? $$"""{ "directory": "{{_directory}}/state" }"""}},
          "control": {{control}}
        }
        """;

    private GatewaySettings? Load(string json, out IReadOnlyList<ConfigError> errors)
    {
        var file = Path.Combine(_directory, "gateway.json");
        File.WriteAllText(file, json);
        return GatewayConfigLoader.Load(file, "test", [Profiles], out errors);
    }
}
