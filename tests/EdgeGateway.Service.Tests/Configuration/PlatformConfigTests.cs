using EdgeGateway.Configuration;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Crypto;
using EdgeGateway.Storage;
using EdgeGateway.Uplink.Platforms;

namespace EdgeGateway.Service.Tests.Configuration;

/// <summary>gateway.json's <c>platforms</c> (issue 16): several at once, every bad value under its key and file, secrets never shown.</summary>
public sealed class PlatformConfigTests : IDisposable
{
    private const string Secret = "s3cr3t-pw";

    private readonly string _directory = Directory.CreateTempSubdirectory("egw-platforms-").FullName;

    private static string Profiles => Path.Combine(AppContext.BaseDirectory, "profiles");

    private string File_ => Path.Combine(_directory, "gateway.json");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Three_platforms_resolve_with_their_own_settings_defaults_and_outbox_destinations()
    {
        var keyFile = Path.Combine(_directory, "city.key");
        File.WriteAllText(keyFile, "0123456789ABCDEF0123456789abcdef\n");
        var settings = Load(Config($$"""
            [
              { "name": "province", "address": "tcp://203.0.113.10:8800", "mn": "010000A8900016F000169DC0", "pw": "{{Secret}}", "edition": "2017" },
              { "name": "city", "address": "tcp://platform.example:9001", "mn": "88888880000007", "pw": "654321", "edition": 2025, "systemCode": "32",
                "repliesWanted": false, "overTimeSeconds": 10, "reCount": 5, "realTimeIntervalSeconds": 60, "uploads": [ "minute", "hour" ],
                "encryption": { "keyFile": "{{keyFile}}" }, "allowCommands": [ "setTime", "calibration" ], "backlogShare": 0.25 },
              { "name": "park-2", "address": "tcp://[::1]:7000", "mn": "MN3", "pw": "123456", "edition": "2025", "heartbeatSeconds": 0, "enabled": false }
            ]
            """, uplink: """{ "broker": "mqtt://127.0.0.1", "hj212": { "mn": "X", "pw": "Y", "systemCode": "22" } }"""), out var errors);

        Assert.Empty(errors);
        Assert.NotNull(settings);
        Assert.Equal(["province", "city", "park-2"], settings.Platforms.Select(platform => platform.Name));
        Assert.Equal([OutboxDestinations.Mqtt, "hj212:province", "hj212:city", "hj212:park-2"], settings.Outbox.Destinations);

        var province = settings.Platforms[0];
        Assert.Equal(("203.0.113.10", 8800), (province.Host, province.Port));
        Assert.Equal(Hj212Edition.Edition2017, province.Edition);
        Assert.Equal(Secret, province.Pw);
        Assert.Equal("22", province.SystemCode);
        Assert.Equal("31", province.SystemCodeByOutlet["DA001"]);
        Assert.True(province.RepliesWanted);
        Assert.Equal(TimeSpan.FromSeconds(5), province.OverTime);
        Assert.Equal(3, province.ReCount);
        Assert.Null(province.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), province.RealTimeInterval);
        Assert.Equal(PlatformUploads.RealTime | PlatformUploads.Minute | PlatformUploads.Hour | PlatformUploads.Day | PlatformUploads.Restart, province.Uploads);
        Assert.Equal(PlatformCommandPermissions.Default, province.AllowedCommands);
        Assert.False(province.AllowedCommands.HasFlag(PlatformCommandPermissions.SetTime));
        Assert.False(province.AllowedCommands.HasFlag(PlatformCommandPermissions.Calibration));
        Assert.Null(province.EncryptionKey);
        Assert.Equal(TimeSpan.FromHours(8), province.SiteOffset);
        Assert.True(province.Enabled);

        var city = settings.Platforms[1];
        Assert.Equal(("platform.example", 9001), (city.Host, city.Port));
        Assert.Equal(Hj212Edition.Edition2025, city.Edition);
        Assert.Equal("32", city.SystemCode);
        Assert.False(city.RepliesWanted);
        Assert.Equal(TimeSpan.FromSeconds(10), city.OverTime);
        Assert.Equal(5, city.ReCount);
        Assert.Equal(TimeSpan.FromSeconds(PlatformSettingsResolver.DefaultHeartbeatSeconds2025), city.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(60), city.RealTimeInterval);
        Assert.Equal(PlatformUploads.Minute | PlatformUploads.Hour, city.Uploads);
        Assert.Equal(PlatformCommandPermissions.SetTime | PlatformCommandPermissions.Calibration, city.AllowedCommands);
        Assert.Equal(Convert.FromHexString("0123456789ABCDEF0123456789abcdef"), city.EncryptionKey!.Value.ToArray());
        Assert.Equal(0.25, city.BacklogShare);

        var park = settings.Platforms[2];
        Assert.Equal(("::1", 7000), (park.Host, park.Port));
        Assert.Null(park.HeartbeatInterval);
        Assert.False(park.Enabled);
    }

    [Fact]
    public void No_platforms_keeps_the_outbox_to_the_mqtt_destination()
    {
        var settings = Load(Config(platforms: null), out var errors);

        Assert.Empty(errors);
        Assert.Empty(settings!.Platforms);
        Assert.Equal([OutboxDestinations.Mqtt], settings.Outbox.Destinations);
    }

    [Fact]
    public void A_key_file_of_16_characters_is_the_key_as_written()
    {
        var keyFile = Path.Combine(_directory, "test.key");
        File.WriteAllText(keyFile, "0000000000000000");
        var settings = Load(Config(Platform($$""" "edition": "2025", "encryption": { "keyFile": "{{keyFile}}" } """)), out var errors);

        Assert.Empty(errors);
        Assert.Equal(Enumerable.Repeat((byte)0x30, 16), settings!.Platforms[0].EncryptionKey!.Value.ToArray());
    }

    [Fact]
    public void The_logger_notifications_are_configured_per_platform_and_the_key_file_dates_the_key()
    {
        var keyFile = Path.Combine(_directory, "city.key");
        File.WriteAllText(keyFile, "0000000000000000");
        var written = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(keyFile, written);
        var settings = Load(Config($$"""
            [
              { "name": "province", "address": "tcp://127.0.0.1:8800", "mn": "MN1", "pw": "123456", "edition": "2017" },
              { "name": "city", "address": "tcp://127.0.0.1:8801", "mn": "MN2", "pw": "123456", "edition": "2025", "encryption": { "keyFile": "{{keyFile}}" } },
              { "name": "park", "address": "tcp://127.0.0.1:8802", "mn": "MN3", "pw": "123456", "edition": "2025", "timeCalibrationRequestHours": 24,
                "sendHardwareIdentity": false, "sendKeyRequest": false, "loggerId": "LOGGER-7" }
            ]
            """), out var errors);

        Assert.Empty(errors);
        var (province, city, park) = (settings!.Platforms[0], settings.Platforms[1], settings.Platforms[2]);
        Assert.Null(province.TimeCalibrationRequestInterval);
        Assert.Null(city.TimeCalibrationRequestInterval);
        Assert.True(city.SendHardwareIdentity);
        Assert.True(city.SendKeyRequest);
        Assert.Null(city.LoggerId);
        Assert.Equal(new DateTimeOffset(written), city.EncryptionKeyCreatedAt);
        Assert.Equal(TimeSpan.FromHours(24), park.TimeCalibrationRequestInterval);
        Assert.False(park.SendHardwareIdentity);
        Assert.False(park.SendKeyRequest);
        Assert.Equal("LOGGER-7", park.LoggerId);
        Assert.Null(park.EncryptionKeyCreatedAt);
    }

    [Fact]
    public void The_ciphertext_form_and_length_rule_are_the_standards_printed_ones_unless_configured()
    {
        var keyFile = Path.Combine(_directory, "test.key");
        File.WriteAllText(keyFile, "0000000000000000");
        var printed = Load(Config(Platform($$""" "encryption": { "keyFile": "{{keyFile}}" } """)), out var errors);
        Assert.Empty(errors);
        var configured = Load(Config(Platform($$""" "encryption": { "keyFile": "{{keyFile}}", "form": "hex", "lengthField": "transmitted" } """)), out errors);
        Assert.Empty(errors);

        Assert.Equal(Hj212CipherTextForm.BracedHexBytes, printed!.Platforms[0].Encryption.Form);
        Assert.Equal(Hj212CipherLengthField.PlaintextLength, printed.Platforms[0].Encryption.LengthField);
        Assert.Equal(Hj212CipherTextForm.HexDigits, configured!.Platforms[0].Encryption.Form);
        Assert.Equal(Hj212CipherLengthField.TransmittedLength, configured.Platforms[0].Encryption.LengthField);
    }

    [Fact]
    public void The_pw_is_read_from_pwFile()
    {
        var pwFile = Path.Combine(_directory, "province.pw");
        File.WriteAllText(pwFile, Secret + "\n");
        var settings = Load(Config($$"""[ { "name": "province", "address": "tcp://127.0.0.1:8800", "mn": "MN1", "pwFile": "{{pwFile}}", "edition": "2017" } ]"""), out var errors);

        Assert.Empty(errors);
        Assert.Equal(Secret, settings!.Platforms[0].Pw);
    }

    [Theory]
    [InlineData(""" "name": "Province" """, "platforms[0].name", "a-z, 0-9 and '-'")]
    [InlineData(""" "name": "" """, "platforms[0].name", "is required")]
    [InlineData(""" "address": "127.0.0.1:8800" """, "platforms[0].address", "is not tcp://host:port")]
    [InlineData(""" "address": "mqtt://127.0.0.1:8800" """, "platforms[0].address", "is not tcp://host:port")]
    [InlineData(""" "address": "tcp://127.0.0.1" """, "platforms[0].address", "has no port")]
    [InlineData(""" "address": "tcp://127.0.0.1:70000" """, "platforms[0].address", "tcp://host:port")]
    [InlineData(""" "address": "" """, "platforms[0].address", "is required")]
    [InlineData(""" "mn": "" """, "platforms[0].mn", "is required")]
    [InlineData(""" "mn": "MN;1" """, "platforms[0].mn", "cannot carry")]
    [InlineData(""" "mn": "0123456789012345678901234" """, "platforms[0].mn", "at most 24")]
    [InlineData(""" "pw": "" """, "platforms[0].pw", "is required")]
    [InlineData(""" "pwFile": "/nonexistent/pw" """, "platforms[0].pwFile", "set either pw or pwFile")]
    [InlineData(""" "edition": "2005" """, "platforms[0].edition", "is not one of: 2017, 2025")]
    [InlineData(""" "systemCode": "3" """, "platforms[0].systemCode", "two-digit")]
    [InlineData(""" "repliesWanted": "yes" """, "platforms[0].repliesWanted", "true or false")]
    [InlineData(""" "overTimeSeconds": 0 """, "platforms[0].overTimeSeconds", "from 1 to 99")]
    [InlineData(""" "overTimeSeconds": 100 """, "platforms[0].overTimeSeconds", "from 1 to 99")]
    [InlineData(""" "reCount": 0 """, "platforms[0].reCount", "from 1 to 99")]
    [InlineData(""" "heartbeatSeconds": -1 """, "platforms[0].heartbeatSeconds", "from 0 to 3600")]
    [InlineData(""" "heartbeatSeconds": "often" """, "platforms[0].heartbeatSeconds", "whole number")]
    [InlineData(""" "realTimeIntervalSeconds": 0 """, "platforms[0].realTimeIntervalSeconds", "from 1 to 3600")]
    [InlineData(""" "realTimeIntervalSeconds": 3601 """, "platforms[0].realTimeIntervalSeconds", "from 1 to 3600")]
    [InlineData(""" "uploads": [ "minute", "weekly" ] """, "platforms[0].uploads[1]", "'weekly' is not one of: realTime, minute")]
    [InlineData(""" "uploads": "minute" """, "platforms[0].uploads", "expected a list")]
    [InlineData(""" "allowCommands": [ "reboot" ] """, "platforms[0].allowCommands[0]", "'reboot' is not one of: setTime, calibration")]
    [InlineData(""" "encryption": { "keyFile": "" } """, "platforms[0].encryption.keyFile", "is required")]
    [InlineData(""" "encryption": { "keyFile": "/nonexistent/sm4.key" } """, "platforms[0].encryption.keyFile", "does not exist")]
    [InlineData(""" "edition": "2017", "encryption": { "keyFile": "/nonexistent/sm4.key" } """, "platforms[0].encryption", "HJ 212-2025's")]
    [InlineData(""" "encryption": { "keyFile": "/nonexistent/sm4.key", "form": "base64" } """, "platforms[0].encryption.form", "'base64' is not a ciphertext form: 'braced'")]
    [InlineData(""" "encryption": { "keyFile": "/nonexistent/sm4.key", "lengthField": "cipher" } """, "platforms[0].encryption.lengthField", "'cipher' is not a length rule: 'plain'")]
    [InlineData(""" "backlogShare": 1.5 """, "platforms[0].backlogShare", "from 0 to 1")]
    [InlineData(""" "backlogShare": -0.1 """, "platforms[0].backlogShare", "from 0 to 1")]
    [InlineData(""" "enabled": "sometimes" """, "platforms[0].enabled", "true or false")]
    [InlineData(""" "port": 8800 """, "platforms[0].port", "unknown key")]
    [InlineData(""" "timeCalibrationRequestHours": -1 """, "platforms[0].timeCalibrationRequestHours", "from 0 to 8760")]
    [InlineData(""" "timeCalibrationRequestHours": 1.5 """, "platforms[0].timeCalibrationRequestHours", "whole number")]
    [InlineData(""" "edition": "2017", "sendHardwareIdentity": true """, "platforms[0].sendHardwareIdentity", "HJ 212-2025's")]
    [InlineData(""" "edition": "2017", "sendKeyRequest": true """, "platforms[0].sendKeyRequest", "HJ 212-2025's")]
    [InlineData(""" "loggerId": "ID;1" """, "platforms[0].loggerId", "cannot carry")]
    public void Every_bad_platform_value_is_an_error_naming_its_key_and_file(string change, string key, string message)
    {
        var settings = Load(Config(Platform(change)), out var errors);

        Assert.Null(settings);
        var error = Assert.Single(errors, error => error.Key == key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(File_, error.Source);
    }

    [Fact]
    public void A_key_file_that_holds_no_key_is_an_error_without_the_key()
    {
        var keyFile = Path.Combine(_directory, "short.key");
        File.WriteAllText(keyFile, "tooShortKey");
        var settings = Load(Config(Platform($$""" "edition": "2025", "encryption": { "keyFile": "{{keyFile}}" } """)), out var errors);

        Assert.Null(settings);
        var error = Assert.Single(errors);
        Assert.Equal("platforms[0].encryption.keyFile", error.Key);
        Assert.Contains("16 ASCII characters", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tooShortKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_platform_names_are_an_error_on_the_second()
    {
        var settings = Load(Config("""
            [
              { "name": "province", "address": "tcp://127.0.0.1:8800", "mn": "MN1", "pw": "1", "edition": "2017" },
              { "name": "city", "address": "tcp://127.0.0.1:8801", "mn": "MN1", "pw": "1", "edition": "2017" },
              { "name": "province", "address": "tcp://127.0.0.1:8802", "mn": "MN1", "pw": "1", "edition": "2025" }
            ]
            """), out var errors);

        Assert.Null(settings);
        var error = Assert.Single(errors);
        Assert.Equal("platforms[2].name", error.Key);
        Assert.Contains("duplicate platform name 'province' (also platforms[0].name)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_pw_is_reported_without_repeating_it()
    {
        var settings = Load(Config(Platform(""" "pw": "se cret;pw" """)), out var errors);

        Assert.Null(settings);
        var error = Assert.Single(errors);
        Assert.Equal("platforms[0].pw", error.Key);
        Assert.DoesNotContain("se cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_config_shows_the_platforms_with_the_pw_and_key_masked()
    {
        var keyFile = Path.Combine(_directory, "city.key");
        File.WriteAllText(keyFile, "K3yK3yK3yK3yK3y!");
        File.WriteAllText(File_, Config($$"""
            [
              { "name": "province", "address": "tcp://203.0.113.10:8800", "mn": "MN1", "pw": "{{Secret}}", "edition": "2017" },
              { "name": "city", "address": "tcp://203.0.113.11:8800", "mn": "MN2", "pw": "{{Secret}}", "edition": "2025", "encryption": { "keyFile": "{{keyFile}}" }, "enabled": false }
            ]
            """));

        foreach (var json in new[] { false, true })
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exitCode = ConfigCheck.Run(File_, "test", json, output, error);

            Assert.Equal(0, exitCode);
            var text = output + error.ToString();
            Assert.Contains("province", text, StringComparison.Ordinal);
            Assert.Contains("tcp://203.0.113.11:8800", text, StringComparison.Ordinal);
            Assert.Contains(PlatformSummary.Masked, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("K3yK3y", text, StringComparison.Ordinal);
        }
    }

    private static string Platform(string change)
    {
        // The change's keys replace the base's: later duplicates would be a config error of their own.
        var entries = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = "\"province\"",
            ["address"] = "\"tcp://127.0.0.1:8800\"",
            ["mn"] = "\"010000A8900016F000169DC0\"",
            ["pw"] = "\"123456\"",
            ["edition"] = "\"2025\"",
        };
        var changed = System.Text.Json.Nodes.JsonNode.Parse("{" + change + "}")!.AsObject();
        foreach (var (key, value) in changed)
        {
            entries[key] = value?.ToJsonString() ?? "null";
        }

        return "[ { " + string.Join(", ", entries.Select(entry => $"\"{entry.Key}\": {entry.Value}")) + " } ]";
    }

    private string Config(string? platforms, string uplink = """{ "broker": "mqtt://127.0.0.1" }""") => $$"""
        {
          "gatewayId": "gw",
          "profileDirectories": [ "{{Profiles}}" ],
          "buses": [ { "name": "tcp-1", "port": "tcp://127.0.0.1:502", "devices": [ { "name": "cems", "profile": "cems-flue-gas", "slave": 1 } ] } ],
          "outlets": [ { "name": "DA001", "kind": "flueGas", "devices": [ "cems" ], "oxygenChannel": "cems.o2", "referenceOxygenPercent": 6 } ],
          "uplink": {{uplink}},
          "storage": { "directory": "{{_directory}}/state" }{{(platforms is null ? string.Empty : ",\n  \"platforms\": " + platforms)}}
        }
        """;

    private GatewaySettings? Load(string json, out IReadOnlyList<ConfigError> errors)
    {
        File.WriteAllText(File_, json);
        return GatewayConfigLoader.Load(File_, "test", [Profiles], out errors);
    }
}
