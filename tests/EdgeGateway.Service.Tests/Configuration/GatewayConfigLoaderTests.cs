using EdgeGateway.Configuration;
using EdgeGateway.Control.Calibration;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Transport;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Pipeline.Alarms;
using EdgeGateway.Storage;
using EdgeGateway.Uplink.Mqtt;

namespace EdgeGateway.Service.Tests.Configuration;

/// <summary>What a valid gateway.json turns into, and the problems an invalid one reports.</summary>
public sealed class GatewayConfigLoaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("egw-loader-").FullName;

    private static string Profiles => Path.Combine(AppContext.BaseDirectory, "profiles");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_full_site_config_resolves_into_the_parts_settings()
    {
        var settings = Load($$"""
            // comments and trailing commas are fine
            {
              "gatewayId": "cabinet-07",
              "site": { "name": "Plant 3", "utcOffset": "+08:00" },
              "profileDirectories": [ "{{Profiles}}" ],
              "buses": [
                { "name": "rs485-1", "port": "/dev/null", "baud": 19200, "parity": "even", "stopBits": 1, "timeout": "250ms", "retries": 2, "gap": "20ms",
                  "devices": [
                    { "name": "cems", "profile": "cems-flue-gas", "slave": 1, "pollInterval": "2s",
                      "channels": { "so2": { "code": "a21026", "rangeMin": 0, "rangeMax": 500, "gain": 1.02, "offset": -0.5, "stuckAfter": "30m" } } },
                    { "name": "dust", "profile": "particulate-flow-meter", "slave": 2, "timeout": "400ms", "hj212": { "exclude": [ "velocity", "temperature", "pressure", "humidity", "flow" ] } },
                  ] },
                { "name": "water-tcp", "port": "tcp://10.0.0.5:502", "devices": [ { "name": "water", "profile": "wastewater-cod-nh3n", "slave": 5 } ] }
              ],
              "outlets": [
                { "name": "DA001", "kind": "flueGas", "devices": [ "cems", "dust" ], "oxygenChannel": "cems.o2", "referenceOxygenPercent": 6, "flowChannel": "cems.flow", "minuteInterval": 5 },
                { "name": "DW001", "kind": "wastewater", "devices": [ "water" ], "flowChannel": "water.flow", "systemCode": "32" }
              ],
              "uplink": { "broker": "mqtt://platform.example:1884", "protocol": "3.1.1", "payload": "both", "topicRoot": "park/{gatewayId}",
                          "hj212": { "mn": "88888880000007", "pw": "123456" }, "batchSize": 50, "batchDelay": "2s", "maxInFlight": 8,
                          "commands": { "allowSetTime": true } },
              "storage": { "directory": "{{_directory}}/state", "synchronous": "full", "maxSize": "2GiB", "retention": { "realTime": "3d" } },
              "logging": { "level": "debug" },
            }
            """, out var errors);

        Assert.Empty(errors);
        Assert.NotNull(settings);
        Assert.Equal("cabinet-07", settings.GatewayId);
        Assert.Equal(2, settings.Buses.Count);
        var serial = settings.Buses[0];
        Assert.Equal(ModbusEndpointKind.Serial, serial.Endpoint.Kind);
        Assert.Equal(new SerialSettings("/dev/null", 19200, SerialParity.Even, 8, 1), serial.Serial);
        Assert.Equal(TimeSpan.FromMilliseconds(20), serial.Master.InterRequestGap);
        Assert.Equal(TimeSpan.FromSeconds(2), serial.Devices[0].Settings.PollInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(250), serial.Devices[0].Settings.Timeout);
        Assert.Equal(2, serial.Devices[0].Settings.Retries);
        Assert.Equal(TimeSpan.FromMilliseconds(400), serial.Devices[1].Settings.Timeout);
        Assert.Null(settings.Buses[1].Serial);

        // The channel table numbers device after device, with the site's range; calibration goes to the channel state.
        Assert.True(settings.Channels.TryFind("cems.so2", out var so2));
        Assert.Equal(new EdgeGateway.FieldBus.Profiles.MeasuringRange(0, 500), so2.Range);
        Assert.Equal(1.02, settings.InitialChannelState[so2.Index].Calibration!.Gain);
        Assert.Equal(-0.5, settings.InitialChannelState[so2.Index].Calibration!.Offset);
        Assert.Equal(TimeSpan.FromMinutes(30), settings.InitialChannelState[so2.Index].Rules!.StuckAfter);
        Assert.True(settings.Channels.TryFind("water.cod", out _));

        var flueGas = settings.Aggregation.Outlets[0];
        Assert.Equal(OutletKind.FlueGas, flueGas.Kind);
        Assert.Equal(5, flueGas.MinuteIntervalMinutes);
        // Every measured channel of the outlet's devices; the desulfurizer's run state belongs to no outlet.
        Assert.Equal(settings.Channels.Channels.Where(channel => channel.Device is "cems" or "dust" && !channel.IsRunState).Select(channel => channel.Index), flueGas.Channels);
        Assert.True(settings.Channels.TryFind("cems.o2", out var o2));
        Assert.Equal(o2.Index, flueGas.OxygenChannel);
        Assert.Equal(TimeSpan.FromSeconds(2), flueGas.PollInterval);

        Assert.Equal(MqttProtocolLevel.Mqtt311, settings.Link.Protocol);
        Assert.Equal("park/cabinet-07", settings.Link.EffectiveTopicRoot);
        Assert.Equal(8, settings.Link.MaxInFlight);
        Assert.Equal(8, settings.Publisher.MaxInFlight);
        Assert.Equal(UplinkPayloadMode.Both, settings.Payload);
        Assert.Equal("88888880000007", settings.Hj212!.Mn);
        Assert.Equal("31", settings.Hj212.SystemCodeByOutlet["DA001"]);
        Assert.Equal(50, settings.Publisher.BatchSize);
        Assert.True(settings.AllowSetTime);
        Assert.Equal(OutboxSynchronous.Full, settings.Outbox.Synchronous);
        Assert.Equal(2L << 30, settings.Outbox.MaxBytes);
        Assert.Equal(TimeSpan.FromDays(3), settings.Outbox.Retention.RealTime);
        Assert.Equal(new OutboxRetention().Minute, settings.Outbox.Retention.Minute);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Debug, settings.LogLevel);
    }

    [Fact]
    public void Outlet_mistakes_are_each_reported()
    {
        Load($$"""
            { "gatewayId": "gw", "profileDirectories": [ "{{Profiles}}" ],
              "buses": [ { "port": "tcp://127.0.0.1:502", "devices": [ { "name": "cems", "profile": "cems-flue-gas", "slave": 1 }, { "name": "water", "profile": "wastewater-cod-nh3n", "slave": 2 } ] } ],
              "outlets": [
                { "name": "DA001", "kind": "flueGas", "devices": [ "cems", "ghost" ], "oxygenChannel": "water.cod", "flowChannel": "cems.nope", "minuteInterval": 7 },
                { "name": "DA001", "kind": "smoke", "devices": [ "cems" ] }
              ],
              "uplink": { "broker": "mqtt://127.0.0.1" }, "storage": { "directory": "{{_directory}}" } }
            """, out var errors);

        var text = string.Join('\n', errors.Select(error => $"{error.Key}: {error.Message}"));
        Assert.Contains("outlets[0].devices[1]: no device 'ghost' on any bus", text, StringComparison.Ordinal);
        Assert.Contains("outlets[0].oxygenChannel: channel 'water.cod' belongs to device 'water', which is not in this outlet", text, StringComparison.Ordinal);
        Assert.Contains("outlets[0].flowChannel: no channel 'cems.nope'", text, StringComparison.Ordinal);
        Assert.Contains("outlets[0].minuteInterval: 7 does not divide the hour evenly", text, StringComparison.Ordinal);
        Assert.Contains("outlets[1].name: duplicate outlet name 'DA001'", text, StringComparison.Ordinal);
        Assert.Contains("outlets[1].kind: 'smoke' is not one of: flueGas, wastewater", text, StringComparison.Ordinal);
        Assert.Contains("outlets[1].devices[0]: device 'cems' already belongs to outlets[0]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Hj212_mode_needs_its_header_values_and_missing_sections_are_named()
    {
        Load($$"""
            { "profileDirectories": [ "{{Profiles}}" ], "buses": [], "uplink": { "broker": "mqtt://127.0.0.1", "payload": "hj212", "hj212": { "mn": "1" }, "commands": { "allowWrites": true } } }
            """, out var errors);

        var text = string.Join('\n', errors.Select(error => $"{error.Key}: {error.Message}"));
        Assert.Contains("gatewayId: is required", text, StringComparison.Ordinal);
        Assert.Contains("buses: at least one bus is required", text, StringComparison.Ordinal);
        Assert.Contains("uplink.hj212.pw: is required", text, StringComparison.Ordinal);
        Assert.Contains("uplink.commands.allowWrites: writes to analyzers from the platform are not available in this version", text, StringComparison.Ordinal);
        Assert.All(errors, error => Assert.EndsWith("gateway.json", error.Source, StringComparison.Ordinal));
    }

    [Fact]
    public void A_gateway_json_of_an_older_version_with_allowWrites_false_still_loads_after_write_register_was_removed()
    {
        // Earlier versions shipped "commands": { "enabled": true, "allowWrites": false }; an upgrade must not make the
        // service refuse a file the installer never touched.
        var settings = Load($$"""
            { "gatewayId": "gw", "profileDirectories": [ "{{Profiles}}" ],
              "buses": [ { "port": "tcp://127.0.0.1:502", "devices": [ { "name": "cems", "profile": "cems-flue-gas", "slave": 1 } ] } ],
              "uplink": { "broker": "mqtt://127.0.0.1", "commands": { "enabled": true, "allowWrites": false } } }
            """, out var errors);

        Assert.Empty(errors);
        Assert.NotNull(settings);
    }

    [Fact]
    public void Calibration_limits_are_read_and_absurd_ones_are_named()
    {
        const string Site = """
            "gatewayId": "gw", "buses": [ { "port": "tcp://127.0.0.1:502", "devices": [ { "name": "cems", "profile": "cems-flue-gas", "slave": 1 } ] } ],
            "uplink": { "broker": "mqtt://127.0.0.1" },
            """;
        var settings = Load($$"""
            { {{Site}} "profileDirectories": [ "{{Profiles}}" ], "storage": { "directory": "{{_directory}}" }, "calibration": { "minGain": 0.8, "maxGain": 1.25, "hold": "45m" } }
            """, out var errors);

        Assert.Empty(errors);
        Assert.Equal(new CalibrationLimits { MinGain = 0.8, MaxGain = 1.25, Hold = TimeSpan.FromMinutes(45) }, settings!.Calibration);

        Load($$"""
            { {{Site}} "profileDirectories": [ "{{Profiles}}" ], "storage": { "directory": "{{_directory}}" }, "calibration": { "minGain": 0, "maxGain": 0.9, "hold": "2d" } }
            """, out errors);

        var text = string.Join('\n', errors.Select(error => $"{error.Key}: {error.Message}"));
        Assert.Contains("calibration.minGain: 0 must be above 0 and at most 1", text, StringComparison.Ordinal);
        Assert.Contains("calibration.maxGain: 0.9 must be 1 to 100", text, StringComparison.Ordinal);
        Assert.Contains("calibration.hold: ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Emission_limits_are_checked_against_the_channels_their_units_and_the_outlets()
    {
        const string Site = """
            "gatewayId": "gw", "buses": [ { "port": "tcp://127.0.0.1:502", "devices": [ { "name": "cems", "profile": "cems-flue-gas", "slave": 1 }, { "name": "water", "profile": "wastewater-cod-nh3n", "slave": 2 } ] } ],
            "outlets": [ { "name": "DA001", "kind": "flueGas", "devices": [ "cems" ], "oxygenChannel": "cems.o2", "referenceOxygenPercent": 6 } ],
            "uplink": { "broker": "mqtt://127.0.0.1" },
            """;
        var settings = Load($$"""
            { {{Site}} "profileDirectories": [ "{{Profiles}}" ], "storage": { "directory": "{{_directory}}" },
              "limits": [ { "channel": "cems.so2", "quantity": "hourlyConverted", "limit": 35, "unit": "mg/m³", "preWarningWindow": "10m" },
                          { "channel": "cems.nox", "quantity": "hourlyConverted", "limit": 50, "unit": "mg/m³", "preWarning": 0 } ] }
            """, out var errors);

        Assert.Empty(errors);
        Assert.Equal(new EmissionLimit(0, "cems.so2", LimitQuantity.HourlyConverted, 35, 0.8, TimeSpan.FromMinutes(10), 0.05), settings!.Limits[0]);
        Assert.Null(settings.Limits[1].PreWarningFraction);

        Load($$"""
            { {{Site}} "profileDirectories": [ "{{Profiles}}" ], "storage": { "directory": "{{_directory}}" },
              "limits": [ { "channel": "cems.so3", "quantity": "hourlyConverted", "limit": 35, "unit": "mg/m³" },
                          { "channel": "cems.so2", "quantity": "hourlyConverted", "limit": 35, "unit": "ppm" },
                          { "channel": "water.cod", "quantity": "hourlyConverted", "limit": 50, "unit": "mg/L" },
                          { "channel": "water.cod", "limit": -1, "unit": "mg/L" },
                          { "channel": "cems.nox", "quantity": "hourlyAverage", "limit": 50, "unit": "mg/m³", "preWarning": 1.2 } ] }
            """, out errors);

        var text = string.Join('\n', errors.Select(error => $"{error.Key}: {error.Message}"));
        Assert.Contains("limits[0].channel: no channel 'cems.so3'", text, StringComparison.Ordinal);
        Assert.Contains("limits[1].unit: 'ppm' is not the unit of cems.so2 (mg/m³); limits are not converted", text, StringComparison.Ordinal);
        Assert.Contains("limits[2].quantity: hourlyConverted needs water in a flueGas outlet with oxygenChannel and referenceOxygenPercent", text, StringComparison.Ordinal);
        Assert.Contains("limits[3].quantity: is required", text, StringComparison.Ordinal);
        Assert.Contains("limits[3].limit: is required: a positive number", text, StringComparison.Ordinal);
        Assert.Contains("limits[4].preWarning: 1.2 must be 0 (none) or a fraction below 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_default_config_is_valid_apart_from_its_serial_port()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "gateway.json");
        var settings = GatewayConfigLoader.Load(shipped, "test", [Profiles], out var errors);

        Assert.Null(settings);
        var error = Assert.Single(errors);
        Assert.Equal("buses[0].port", error.Key);
        Assert.StartsWith("port not found", error.Message, StringComparison.Ordinal);
    }

    private GatewaySettings? Load(string json, out IReadOnlyList<ConfigError> errors)
    {
        var file = Path.Combine(_directory, "gateway.json");
        File.WriteAllText(file, json);
        return GatewayConfigLoader.Load(file, "test", [Profiles], out errors);
    }
}
