using System.Text.Json;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.FieldBus.Profiles.Documents;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Values;

namespace EdgeGateway.DataFlow.Tests.FieldBus;

public sealed class ShippedProfileTests
{
    public static TheoryData<string> ShippedFiles() => new(ShippedFileNames());

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void Every_shipped_profile_loads_without_errors(string fileName)
    {
        var loaded = DeviceProfileLoader.TryLoadFile(RepositoryFiles.Profile(fileName), out var profile, out var errors);

        Assert.Empty(errors.Select(error => error.ToString()));
        Assert.True(loaded);
        Assert.NotNull(profile);
        Assert.NotEmpty(profile.Channels);
    }

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void Every_shipped_profile_references_the_schema(string fileName)
    {
        var document = JsonSerializer.Deserialize(File.ReadAllBytes(RepositoryFiles.Profile(fileName)), ProfileJsonContext.Default.ProfileDocument);

        Assert.Equal("./profile.schema.json", document?.Schema);
    }

    [Fact]
    public void The_directory_loads_all_three_and_skips_the_schema()
    {
        var profiles = DeviceProfileLoader.LoadDirectory(RepositoryFiles.ProfilesDirectory);

        Assert.Equal(["cems-generic-flue-gas", "particulate-flow-meter", "wastewater-cod-nh3n"], profiles.Select(profile => profile.Model));
    }

    [Fact]
    public void Cems_gas_values_are_f32_cdab_input_registers_with_their_factor_codes()
    {
        var cems = DeviceProfileLoader.LoadFile(RepositoryFiles.Profile("cems-flue-gas.json"));

        Assert.Equal(DeviceKind.FlueGas, cems.Kind);
        var so2 = cems.Channels.Single(channel => channel.Id == "so2");
        Assert.Equal(new ProfileChannel("so2", "a21026", "SO2", "mg/m³", ModbusTable.InputRegister, 0, ModbusDataType.F32, null, ModbusByteOrder.CDAB, 1.0, 0.0, new MeasuringRange(0, 2860)), so2);
        Assert.Equal(
            ["a21026", "a21002", "a19001", "a21005", "a01012", "a01013", "a01014", "a01011", "a00000", "i33001", "i33002", "SB1"],
            cems.Channels.Select(channel => channel.Code));
    }

    [Fact]
    public void Cems_status_channels_are_resolved_to_explicit_lists()
    {
        var cems = DeviceProfileLoader.LoadFile(RepositoryFiles.Profile("cems-flue-gas.json"));
        var state = cems.Status.Single(status => status.Id == "system-state");

        // Bit 0 names no channels, and neither does its word: it covers every channel.
        Assert.Equal(cems.Channels.Select(channel => channel.Id), state.Bits.Single(bit => bit.Bit == 0).Channels);
        Assert.Equal(["so2", "nox", "o2", "co"], state.Bits.Single(bit => bit.Bit == 2).Channels);
        var pump = cems.Status.Single(status => status.Id == "sample-pump");
        Assert.Equal(ModbusDataType.Bool, pump.Type);
        var stopped = Assert.Single(pump.Values);
        Assert.Equal((0L, StatusMeaning.Stopped), (stopped.Value, stopped.Means));
        Assert.Equal(["so2", "nox", "o2", "co"], stopped.Channels);
        Assert.Equal(ModbusTable.Coil, cems.Commands["blowback"].Table);
    }

    [Fact]
    public void Particulate_values_are_scaled_integers()
    {
        var meter = DeviceProfileLoader.LoadFile(RepositoryFiles.Profile("particulate-flow.json"));

        var temperature = meter.Channels.Single(channel => channel.Id == "temperature");
        Assert.Equal((ModbusDataType.I16, 0.1), (temperature.Type, temperature.Scale));
        var total = meter.Channels.Single(channel => channel.Id == "flow-total");
        Assert.Equal((ModbusDataType.U32, 2, ModbusByteOrder.ABCD), (total.Type, total.Length, total.ByteOrder));
        Assert.Equal(16, meter.Defaults.MaxRegistersPerRequest);
    }

    [Fact]
    public void Wastewater_state_codes_and_retain_sample_command()
    {
        var cabinet = DeviceProfileLoader.LoadFile(RepositoryFiles.Profile("wastewater-cod-nh3n.json"));

        Assert.Equal(["w01018", "w21003", "w21011", "w21001", "w01001", "w01010", "w00000", "w00000"], cabinet.Channels.Select(channel => channel.Code));
        var codState = cabinet.Status.Single(status => status.Id == "cod-state");
        Assert.Equal(StatusMeaning.Calibration, codState.Values.Single(value => value.Value == 3).Means);
        Assert.All(codState.Values, value => Assert.Equal(["cod"], value.Channels));
        var retain = cabinet.Commands["retainSample"];
        Assert.Equal((ModbusTable.HoldingRegister, 102, 1), (retain.Table, retain.Address, retain.Value));
        Assert.Equal(new CommandRegister("vaseNo", ModbusTable.HoldingRegister, 103, ModbusDataType.U16, ModbusByteOrder.ABCD), retain.Results.Single());
        Assert.Equal(2, cabinet.Commands["span"].Value);
    }

    private static string[] ShippedFileNames() =>
        [.. Directory.GetFiles(RepositoryFiles.ProfilesDirectory, "*.json")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !name.EndsWith(DeviceProfileLoader.SchemaFileSuffix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
}
