using System.Text.Json;

namespace EdgeGateway.Interop.Tests.Service;

/// <summary>
/// The built binary with bad configurations: each problem is named with its key path and its file (or environment
/// variable), all of them at once, and the service refuses to start with a non-zero exit code.
/// </summary>
public sealed class GatewayConfigurationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("egw-config-").FullName;

    public static TheoryData<string, string, string> BadConfigs => new()
    {
        // name, JSON fragment that replaces part of a valid config, expected "key: message" text
        { "unknown key (typo)", """ "baud": 9600, "parity": "none", "timout": "1s" """, "buses[0].timout: unknown key; did you mean 'timeout'?" },
        { "wrong type", """ "baud": "fast", "parity": "none" """, "buses[0].baud: 'fast' is not a whole number" },
        { "unsupported baud", """ "baud": 12345, "parity": "none" """, "buses[0].baud: 12345 is not a supported baud rate" },
        { "bad parity", """ "baud": 9600, "parity": "mark" """, "buses[0].parity: 'mark' is not one of: none, even, odd" },
        { "unknown profile", """ "baud": 9600, "parity": "none", "devices": [ { "name": "cems", "profile": "no-such-analyzer", "slave": 1 } ] """, "buses[0].devices[0].profile: unknown profile 'no-such-analyzer'" },
        { "slave out of range", """ "baud": 9600, "parity": "none", "devices": [ { "name": "cems", "profile": "cems-flue-gas", "slave": 0 } ] """, "buses[0].devices[0].slave: 0 is out of range: from 1 to 247" },
        { "duplicate device", """ "baud": 9600, "parity": "none", "devices": [ { "name": "cems", "profile": "cems-flue-gas", "slave": 1 }, { "name": "cems", "profile": "particulate-flow", "slave": 2 } ] """, "buses[0].devices[1].name: duplicate device name 'cems'" },
        { "duplicate slave", """ "baud": 9600, "parity": "none", "devices": [ { "name": "cems", "profile": "cems-flue-gas", "slave": 1 }, { "name": "dust", "profile": "particulate-flow", "slave": 1 } ] """, "buses[0].devices[1].slave: slave 1 is already used on this bus" },
        { "unknown channel override", """ "baud": 9600, "parity": "none", "devices": [ { "name": "cems", "profile": "cems-flue-gas", "slave": 1, "channels": { "so3": { "gain": 1.1 } } } ] """, "buses[0].devices[0].channels.so3: profile cems-generic-flue-gas has no channel 'so3'" },
        { "bad duration", """ "baud": 9600, "parity": "none", "devices": [ { "name": "cems", "profile": "cems-flue-gas", "slave": 1, "pollInterval": "often" } ] """, "buses[0].devices[0].pollInterval: 'often' is not a duration" },
    };

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public void Check_config_names_the_key_and_the_file_and_exits_1(string name, string busFragment, string expected)
    {
        var file = Write(name, ValidConfig(busFragment));
        var (exitCode, output) = GatewayProcess.Run(["--check-config", "--config", file]);
        Assert.Equal(1, exitCode);
        Assert.Contains($"{file}: {expected}", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var file = Write("many", """
            { "gatewayId": "gw 1", "buses": [ { "port": "/dev/ttyNOPE9", "baud": "x", "devices": [ { "name": "cems", "profile": "nope", "slave": 1 } ] } ],
              "uplink": { "broker": "mqtts://platform.example", "caFile": "/nonexistent/ca.pem", "payload": "xml" }, "storage": { "maxSize": "1MiB" } }
            """);
        var (exitCode, output) = GatewayProcess.Run(["--check-config", "--config", file]);
        Assert.Equal(1, exitCode);
        Assert.Contains("gatewayId: 'gw 1'", output, StringComparison.Ordinal);
        Assert.Contains("buses[0].port: port not found: '/dev/ttyNOPE9' does not exist", output, StringComparison.Ordinal);
        Assert.Contains("buses[0].baud: 'x' is not a whole number", output, StringComparison.Ordinal);
        Assert.Contains("buses[0].devices[0].profile: unknown profile 'nope'", output, StringComparison.Ordinal);
        Assert.Contains("uplink.caFile", output, StringComparison.Ordinal);
        Assert.Contains("uplink.payload: 'xml' is not one of: json, hj212, both", output, StringComparison.Ordinal);
        Assert.Contains("storage.maxSize: 1MiB is below the minimum of 16MiB", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_service_refuses_to_start_on_a_bad_config_and_says_why()
    {
        var file = Write("refuse", ValidConfig().Replace("\"slave\": 1", "\"slave\": 999", StringComparison.Ordinal));
        var (exitCode, output) = GatewayProcess.Run(["--config", file]);
        Assert.Equal(1, exitCode);
        Assert.Contains("buses[0].devices[0].slave: 999 is out of range", output, StringComparison.Ordinal);
        Assert.Contains("not started", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unusable_state_directory_stops_the_service_with_exit_1_and_names_the_key()
    {
        var file = Write("state", ValidConfig().Replace($"{_directory}/state", "/proc/egw-cannot-be-here", StringComparison.Ordinal));
        var (exitCode, output) = GatewayProcess.Run(["--config", file]);
        Assert.Equal(1, exitCode);
        Assert.Contains($"the state directory /proc/egw-cannot-be-here cannot be used (storage.directory in {file})", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_malformed_file_is_named()
    {
        var missing = Path.Combine(_directory, "absent.json");
        var (exitMissing, outputMissing) = GatewayProcess.Run(["--check-config", "--config", missing]);
        Assert.Equal(1, exitMissing);
        Assert.Contains($"{missing}: (file): config file not found", outputMissing, StringComparison.Ordinal);

        var broken = Write("broken", "{ \"gatewayId\": \"gw-1\", \"buses\": [ ");
        var (exitBroken, outputBroken) = GatewayProcess.Run(["--check-config", "--config", broken]);
        Assert.Equal(1, exitBroken);
        // Issue 14, defect 5: a syntax error names its line, column and reason (it said only "cannot be read").
        Assert.Contains($"{broken}: (file): line 1, column 35: ", outputBroken, StringComparison.Ordinal);
        Assert.Contains("open JSON object or array", outputBroken, StringComparison.Ordinal);
    }

    [Fact]
    public void An_EGW_environment_variable_overrides_a_key_and_is_named_when_wrong()
    {
        var file = Write("env", ValidConfig());
        var (exitOk, outputOk) = GatewayProcess.Run(["--check-config", "--json", "--config", file], new Dictionary<string, string> { ["EGW_uplink__broker"] = "mqtt://10.1.2.3:1884", ["EGW_SOCKET"] = "/tmp/egw.sock" });
        Assert.Equal(0, exitOk);
        using var report = JsonDocument.Parse(outputOk);
        Assert.True(report.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal("mqtt://10.1.2.3:1884", report.RootElement.GetProperty("summary").GetProperty("broker").GetString());

        var (exitBad, outputBad) = GatewayProcess.Run(["--check-config", "--config", file], new Dictionary<string, string> { ["EGW_uplink__keepAlive"] = "forever" });
        Assert.Equal(1, exitBad);
        Assert.Contains("environment variable EGW_uplink__keepAlive: uplink.keepAlive: 'forever' is not a duration", outputBad, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_never_appear_in_the_output()
    {
        var file = Write("secret", ValidConfig().Replace("\"keepAlive\": \"30s\"", "\"keepAlive\": \"never\", \"username\": \"gw\", \"password\": \"hunter2-s3cret\"", StringComparison.Ordinal));
        var (exitCode, output) = GatewayProcess.Run(["--check-config", "--json", "--config", file]);
        Assert.Equal(1, exitCode);
        Assert.DoesNotContain("hunter2-s3cret", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_errors_exit_2_and_help_and_version_exit_0()
    {
        Assert.Equal(2, GatewayProcess.Run(["--frobnicate"]).ExitCode);
        Assert.Equal(2, GatewayProcess.Run(["--config"]).ExitCode);
        var help = GatewayProcess.Run(["--help"]);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--check-config", help.Output, StringComparison.Ordinal);
        var version = GatewayProcess.Run(["--version"]);
        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith("edge-gateway ", version.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string json)
    {
        var file = Path.Combine(_directory, string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')) + ".json");
        File.WriteAllText(file, json);
        return file;
    }

    private const string DefaultDevices = "\"devices\": [ { \"name\": \"cems\", \"profile\": \"cems-flue-gas\", \"slave\": 1 } ]";

    // A valid config whose first bus holds the given keys (its devices too, unless the keys bring their own).
    private string ValidConfig(string busKeys = "\"baud\": 9600, \"parity\": \"none\"") => $$"""
        {
          "gatewayId": "gw-1",
          "profileDirectories": [ "{{GatewayBinary.ProfileDirectory}}" ],
          "buses": [ { "name": "b1", "port": "/dev/null", {{busKeys}} {{(busKeys.Contains("\"devices\"", StringComparison.Ordinal) ? string.Empty : ", " + DefaultDevices)}} } ],
          "uplink": { "broker": "mqtt://127.0.0.1:1883", "keepAlive": "30s" },
          "storage": { "directory": "{{_directory}}/state" }
        }
        """;
}
