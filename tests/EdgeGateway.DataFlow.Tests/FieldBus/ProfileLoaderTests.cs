using System.Text;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Values;

namespace EdgeGateway.DataFlow.Tests.FieldBus;

public sealed class ProfileLoaderTests
{
    private const string Minimal = """
        {
          "model": "tiny",
          "kind": "other",
          "defaults": { "byteOrder": "CDAB" },
          "channels": [
            { "id": "so2", "code": "a21026", "name": "SO2", "table": "input", "address": 0, "type": "f32" }
          ]
        }
        """;

    [Fact]
    public void Comments_and_trailing_commas_are_accepted()
    {
        const string json = """
            {
              // a comment
              "model": "tiny", /* another */
              "kind": "other",
              "channels": [
                { "id": "so2", "code": "a21026", "name": "SO2", "table": "input", "address": 0, "type": "f32", },
              ],
            }
            """;

        Assert.True(DeviceProfileLoader.TryParse(json, "tiny.json", out _, out var errors), string.Join('\n', errors));
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_accepted()
    {
        byte[] withBom = [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Minimal)];

        Assert.True(DeviceProfileLoader.TryParse(withBom, "tiny.json", out _, out var errors), string.Join('\n', errors));
    }

    [Fact]
    public void Omitted_fields_take_their_defaults()
    {
        var profile = DeviceProfileLoader.Parse(Minimal, "tiny.json");

        Assert.Equal(new ProfileDefaults(ModbusByteOrder.CDAB, 125, 2000, 10), profile.Defaults);
        var so2 = Assert.Single(profile.Channels);
        // No unit: the one HJ 212 gives a21026.
        Assert.Equal((ModbusByteOrder.CDAB, 1.0, 0.0, "mg/m³", (MeasuringRange?)null), (so2.ByteOrder, so2.Scale, so2.Offset, so2.Unit, so2.Range));
        Assert.Equal(("", ""), (profile.Manufacturer, profile.Description));
        Assert.Empty(profile.Status);
        Assert.Empty(profile.Commands);
        Assert.Equal("tiny.json", profile.Source);
    }

    [Fact]
    public void Bit_channels_and_a_16_bit_status_word_may_share_a_register()
    {
        var profile = DeviceProfileLoader.Parse(BadProfileTests.Profile(
            """{ "id": "door", "code": "i12001", "name": "Door open", "table": "holding", "address": 40, "type": "bit", "bit": 4 }""",
            """ "status": [ { "id": "state", "table": "holding", "address": 40, "bits": [ { "bit": 0, "means": "maintenance" } ] } ], """,
            """{ "id": "pump", "code": "i12001", "name": "Pump running", "table": "holding", "address": 40, "type": "bit", "bit": 5 }"""),
            "shared.json");

        Assert.Equal([40, 40], profile.Channels.Select(channel => channel.Address));
        Assert.Equal(ModbusDataType.U16, Assert.Single(profile.Status).Type);
    }

    [Fact]
    public void A_status_word_on_a_discrete_input_defaults_to_bool()
    {
        var profile = DeviceProfileLoader.Parse(
            BadProfileTests.Profile(
                """{ "id": "so2", "code": "a21026", "name": "SO2", "table": "input", "address": 0, "type": "f32" }""",
                """ "status": [ { "id": "pump", "table": "discrete", "address": 0, "values": { "0": "stopped" } } ], """),
            "pump.json");

        var pump = Assert.Single(profile.Status);
        Assert.Equal((ModbusTable.DiscreteInput, ModbusDataType.Bool, 1), (pump.Table, pump.Type, pump.Length));
    }

    [Fact]
    public void A_directory_reports_every_file_and_a_model_defined_twice()
    {
        var directory = Directory.CreateTempSubdirectory("profiles-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "a.json"), Minimal);
            File.WriteAllText(Path.Combine(directory.FullName, "b.json"), Minimal);
            File.WriteAllText(Path.Combine(directory.FullName, "c.json"), Minimal.Replace("f32", "f33", StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(directory.FullName, "profile.schema.json"), "{ this is not a profile }");
            File.WriteAllText(Path.Combine(directory.FullName, "README.md"), "# not json");

            var loaded = DeviceProfileLoader.TryLoad(directory.FullName, out var profiles, out var errors);

            Assert.False(loaded);
            Assert.Equal(["tiny"], profiles.Select(profile => profile.Model));
            Assert.Equal(
                [
                    $"{Path.Combine(directory.FullName, "b.json")}: model 'tiny' is already defined in {Path.Combine(directory.FullName, "a.json")}",
                    $"{Path.Combine(directory.FullName, "c.json")}: channel 'so2': type 'f33' is not one of u16 i16 u32 i32 f32 u64 i64 f64 bool bit",
                ],
                errors.Select(error => error.ToString()));
            Assert.Equal(2, Assert.Throws<ProfileException>(() => DeviceProfileLoader.Load(directory.FullName)).Errors.Count);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_missing_file_or_directory_is_an_error_not_a_crash()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-profile-" + Guid.NewGuid().ToString("N"));

        Assert.False(DeviceProfileLoader.TryLoad(missing + ".json", out var profiles, out var fileErrors));
        Assert.Empty(profiles);
        Assert.StartsWith($"{missing}.json: cannot read the file: ", Assert.Single(fileErrors).ToString(), StringComparison.Ordinal);
        Assert.False(DeviceProfileLoader.TryLoadDirectory(missing, out _, out var directoryErrors));
        Assert.Equal($"{missing}: profile directory not found", Assert.Single(directoryErrors).ToString());
    }

    [Fact]
    public void Load_on_a_file_returns_that_one_profile()
    {
        var profiles = DeviceProfileLoader.Load(RepositoryFiles.Profile("particulate-flow.json"));

        Assert.Equal("particulate-flow-meter", Assert.Single(profiles).Model);
    }
}
