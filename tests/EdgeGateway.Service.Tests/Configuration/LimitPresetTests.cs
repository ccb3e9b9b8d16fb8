using EdgeGateway.Configuration;
using EdgeGateway.Configuration.LimitPresets;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Pipeline.Alarms;

namespace EdgeGateway.Service.Tests.Configuration;

/// <summary><c>limits[].preset</c> and <c>limits[].sampler</c>: what a preset expands into, and each mistake reported with its key.</summary>
public sealed class LimitPresetTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("egw-presets-").FullName;

    private static string Profiles => Path.Combine(AppContext.BaseDirectory, "profiles");

    /// <summary>The shipped presets, copied next to the binary like the profiles.</summary>
    private static string ShippedPresets => Path.Combine(AppContext.BaseDirectory, "limits");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_ultra_low_preset_on_a_cems_and_a_dust_meter_gives_exactly_its_three_limits()
    {
        var settings = Load(""" { "preset": "ultra-low-coal-fired", "devices": [ "cems", "dust" ] } """, out var errors);

        Assert.Empty(errors);
        var window = TimeSpan.FromMinutes(15);
        Assert.Equal(
            [
                new EmissionLimit(Index(settings!, "dust.particulate"), "dust.particulate", LimitQuantity.HourlyConverted, 10, 0.8, window, 0.05),
                new EmissionLimit(Index(settings!, "cems.so2"), "cems.so2", LimitQuantity.HourlyConverted, 35, 0.8, window, 0.05),
                new EmissionLimit(Index(settings!, "cems.nox"), "cems.nox", LimitQuantity.HourlyConverted, 50, 0.8, window, 0.05),
            ],
            settings!.Limits);
    }

    [Fact]
    public void An_explicit_entry_for_the_same_channel_and_quantity_replaces_the_presets_and_another_quantity_adds_one()
    {
        var settings = Load("""
            { "preset": "ultra-low-coal-fired", "devices": [ "cems", "dust" ], "preWarning": 0.9, "preWarningWindow": "10m" },
            { "channel": "cems.so2", "quantity": "hourlyConverted", "limit": 25, "unit": "mg/m³" },
            { "channel": "cems.so2", "quantity": "dailyAverage", "limit": 30, "unit": "mg/m³" }
            """, out var errors);

        Assert.Empty(errors);
        var limits = settings!.Limits;
        Assert.Equal(["dust.particulate", "cems.nox", "cems.so2", "cems.so2"], limits.Select(limit => limit.Key));
        Assert.Equal(25, Assert.Single(limits, limit => limit.Key == "cems.so2" && limit.Quantity == LimitQuantity.HourlyConverted).Limit);
        Assert.Equal(30, Assert.Single(limits, limit => limit.Quantity == LimitQuantity.DailyAverage).Limit);

        // The preset entry's own pre-warning applies to every limit it expands to; the explicit one keeps the defaults.
        Assert.All(limits.Take(2), limit => Assert.Equal((0.9, TimeSpan.FromMinutes(10)), (limit.PreWarningFraction!.Value, limit.PreWarningWindow)));
        Assert.Equal(0.8, limits[2].PreWarningFraction);
    }

    [Fact]
    public void The_wastewater_preset_limits_the_real_time_cod_and_nh3n_and_its_sampler_applies_to_both()
    {
        var settings = Load("""
            { "preset": "wastewater-gb8978-grade1", "devices": [ "water" ], "sampler": "water" },
            { "channel": "water.tp", "quantity": "realTime", "limit": 0.5, "unit": "mg/L", "sampler": "water" },
            { "channel": "cems.so2", "quantity": "hourlyAverage", "limit": 100, "unit": "mg/m³" }
            """, out var errors);

        Assert.Empty(errors);
        Assert.Equal(
            [("water.cod", 100.0, "water"), ("water.nh3n", 15.0, "water"), ("water.tp", 0.5, "water"), ("cems.so2", 100.0, null)],
            settings!.Limits.Select(limit => (limit.Key, limit.Limit, limit.Sampler)));
        Assert.All(settings.Limits.Take(3), limit => Assert.Equal(LimitQuantity.RealTime, limit.Quantity));
    }

    [Fact]
    public void A_sampler_must_be_a_device_on_a_bus_whose_profile_declares_retainSample()
    {
        Load("""
            { "channel": "cems.so2", "quantity": "hourlyConverted", "limit": 35, "unit": "mg/m³", "sampler": "cems" },
            { "preset": "wastewater-gb8978-grade1", "devices": [ "water" ], "sampler": "ghost" },
            { "channel": "water.tp", "quantity": "realTime", "limit": 0.5, "unit": "mg/L", "sampler": "dust" }
            """, out var errors);

        var text = Text(errors);
        Assert.Contains("limits[0].sampler: profile cems-generic-flue-gas of cems declares no 'retainSample' command; it declares: zero, span, blowback", text, StringComparison.Ordinal);
        Assert.Contains("limits[1].sampler: no device 'ghost' on any bus", text, StringComparison.Ordinal);
        Assert.Contains("limits[2].sampler: profile particulate-flow-meter of dust declares no 'retainSample' command; it declares: ", text, StringComparison.Ordinal);
        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void An_unknown_preset_lists_the_presets_found()
    {
        Load(""" { "preset": "ultra-low", "devices": [ "cems" ] } """, out var errors);

        var error = Assert.Single(errors);
        Assert.Equal("limits[0].preset", error.Key);
        Assert.Equal("unknown preset 'ultra-low'; presets found: ultra-low-coal-fired, wastewater-gb8978-grade1", error.Message);
    }

    [Fact]
    public void A_preset_at_another_reference_oxygen_than_the_outlet_is_an_error_naming_both()
    {
        Load(""" { "preset": "ultra-low-coal-fired", "devices": [ "cems", "dust" ] } """, out var errors, referenceOxygenPercent: 9);

        var error = Assert.Single(errors);
        Assert.Equal("limits[0].preset", error.Key);
        Assert.Equal("preset 'ultra-low-coal-fired' is at 6 % reference O2, but outlet DA001 converts dust to 9 %; a limit at another reference O2 is not comparable", error.Message);
    }

    [Fact]
    public void A_preset_in_another_unit_than_the_channel_is_an_error_naming_the_preset_the_channel_and_both_units()
    {
        var presets = Directory.CreateDirectory(Path.Combine(_directory, "limits")).FullName;
        File.WriteAllText(Path.Combine(presets, "so2-ppm.json"), """
            { "name": "so2-ppm", "description": "A test preset; the permit counts.", "source": "none",
              "limits": { "a21026": { "quantity": "hourlyAverage", "limit": 12, "unit": "ppm" } } }
            """);

        Load(""" { "preset": "so2-ppm", "devices": [ "cems" ] } """, out var errors, presets: presets);

        var error = Assert.Single(errors);
        Assert.Equal("limits[0].preset", error.Key);
        Assert.Equal("preset 'so2-ppm' limits a21026 in ppm, but cems.so2 is in mg/m³; limits are not converted", error.Message);
    }

    [Fact]
    public void A_preset_that_matches_no_channel_of_its_devices_and_other_preset_entry_mistakes_are_each_named()
    {
        Load("""
            { "preset": "ultra-low-coal-fired", "devices": [ "water", "nobody" ] },
            { "preset": "wastewater-gb8978-grade1", "channel": "water.cod", "limit": 50 },
            { "channel": "cems.so2", "quantity": "hourlyConverted", "limit": 35, "unit": "mg/m³", "devices": [ "cems" ] }
            """, out var errors);

        var text = Text(errors);
        Assert.Contains("limits[0].preset: preset 'ultra-low-coal-fired' matches no channel of water: it limits a34013, a21026, a21002", text, StringComparison.Ordinal);
        Assert.Contains("limits[0].devices[1]: no device 'nobody' on any bus", text, StringComparison.Ordinal);
        Assert.Contains("limits[1].channel: comes from the preset; to set one channel's limit differently, add an explicit entry", text, StringComparison.Ordinal);
        Assert.Contains("limits[1].limit: comes from the preset", text, StringComparison.Ordinal);
        Assert.Contains("limits[1].devices: is required with preset", text, StringComparison.Ordinal);
        Assert.Contains("limits[2].devices: belongs to a preset entry", text, StringComparison.Ordinal);
        Assert.Equal(6, errors.Count);
    }

    [Fact]
    public void A_broken_preset_file_is_an_error_naming_the_file_and_every_problem_in_it()
    {
        var presets = Directory.CreateDirectory(Path.Combine(_directory, "limits")).FullName;
        File.WriteAllText(Path.Combine(presets, "broken.json"), """{ "name": "broken", "limits": { """);
        File.WriteAllText(Path.Combine(presets, "sloppy.json"), """
            // comments and trailing commas are fine, the rest is not
            { "name": "careless", "source": "none", "referenceOxygenPercent": 30, "colour": "red",
              "limits": { "SO2": { "quantity": "hourly", "limit": -1, "unit": "mg/m³", "preWarningWindow": "2d", "limt": 3 }, }, }
            """);

        Load(""" { "preset": "sloppy", "devices": [ "cems" ] } """, out var errors, presets: presets);

        Assert.All(errors.Where(error => error.Key == "limitPresetDirectories[0]"), error => Assert.StartsWith(presets, error.Source, StringComparison.Ordinal));
        var text = Text(errors);
        Assert.Contains("limitPresetDirectories[0]: broken.json: malformed JSON at line 1", text, StringComparison.Ordinal);
        Assert.Contains("limitPresetDirectories[0]: sloppy.json: unknown property 'colour'", text, StringComparison.Ordinal);
        Assert.Contains("sloppy.json: name 'careless' is not the file name 'sloppy'", text, StringComparison.Ordinal);
        Assert.Contains("sloppy.json: description is required", text, StringComparison.Ordinal);
        Assert.Contains("sloppy.json: referenceOxygenPercent 30 must be between 0 and 21 (%)", text, StringComparison.Ordinal);
        Assert.Contains("sloppy.json: SO2: is not an HJ 212 pollutant code", text, StringComparison.Ordinal);
        Assert.Contains("sloppy.json: SO2: unknown property 'limt'", text, StringComparison.Ordinal);
        Assert.Contains("sloppy.json: SO2: quantity 'hourly' is not one of: realTime, ", text, StringComparison.Ordinal);
        Assert.Contains("sloppy.json: SO2: limit is required: a positive number", text, StringComparison.Ordinal);
        Assert.Contains("sloppy.json: SO2: preWarningWindow 2d is out of range", text, StringComparison.Ordinal);

        // The broken file is no preset, so the entry that names it is an unknown preset too.
        Assert.Contains("limits[0].preset: unknown preset 'sloppy'; presets found: none", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_preset_directory_that_does_not_exist_is_named()
    {
        Load(""" { "preset": "ultra-low-coal-fired", "devices": [ "cems", "dust" ] } """, out var errors, presets: Path.Combine(_directory, "nowhere"), extraPresets: ShippedPresets);

        var error = Assert.Single(errors);
        Assert.Equal("limitPresetDirectories[0]", error.Key);
        Assert.Contains("nowhere' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_shipped_preset_loads_says_the_permit_counts_and_limits_codes_of_the_shipped_profiles_in_their_units()
    {
        Assert.True(LimitPresetLoader.TryLoadDirectory(ShippedPresets, out var presets, out var problems), string.Join('\n', problems));
        Assert.Equal(Directory.GetFiles(ShippedPresets, "*.json").Length, presets.Count);
        Assert.Contains(presets, preset => preset.Name == "ultra-low-coal-fired");

        var units = DeviceProfileLoader.LoadDirectory(Profiles)
            .SelectMany(profile => profile.Channels)
            .Select(channel => (channel.Code, channel.Unit))
            .ToHashSet();
        foreach (var preset in presets)
        {
            Assert.Contains("permit", preset.Description, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(preset.Source));
            Assert.All(preset.Entries, entry => Assert.True(units.Contains((entry.Code, entry.Unit)), $"{preset.Name}: no shipped profile has a channel {entry.Code} in {entry.Unit}"));
        }
    }

    private static int Index(GatewaySettings settings, string key) =>
        settings.Channels.TryFind(key, out var channel) ? channel.Index : throw new InvalidOperationException($"no channel {key}");

    private static string Text(IReadOnlyList<ConfigError> errors) => string.Join('\n', errors.Select(error => $"{error.Key}: {error.Message}"));

    /// <summary>A site with a CEMS and a dust meter in flue-gas outlet DA001 (O2 from the CEMS) and a wastewater cabinet.</summary>
    private GatewaySettings? Load(string limits, out IReadOnlyList<ConfigError> errors, double referenceOxygenPercent = 6, string? presets = null, string? extraPresets = null)
    {
        var presetDirectories = extraPresets is null ? $"\"{presets ?? ShippedPresets}\"" : $"\"{presets}\", \"{extraPresets}\"";
        var file = Path.Combine(_directory, "gateway.json");
        File.WriteAllText(file, $$"""
            { "gatewayId": "gw", "profileDirectories": [ "{{Profiles}}" ], "limitPresetDirectories": [ {{presetDirectories}} ],
              "buses": [ { "port": "tcp://127.0.0.1:502", "devices": [
                { "name": "cems", "profile": "cems-flue-gas", "slave": 1 },
                { "name": "dust", "profile": "particulate-flow", "slave": 2, "hj212": { "exclude": [ "velocity", "temperature", "pressure", "humidity", "flow" ] } },
                { "name": "water", "profile": "wastewater-cod-nh3n", "slave": 3 } ] } ],
              "outlets": [
                { "name": "DA001", "kind": "flueGas", "devices": [ "cems", "dust" ], "oxygenChannel": "cems.o2", "referenceOxygenPercent": {{referenceOxygenPercent}} },
                { "name": "DW001", "kind": "wastewater", "devices": [ "water" ] } ],
              "uplink": { "broker": "mqtt://127.0.0.1" }, "storage": { "directory": "{{_directory}}/state" },
              "limits": [ {{limits}} ] }
            """);
        return GatewayConfigLoader.Load(file, "test", [Profiles], out errors);
    }
}
