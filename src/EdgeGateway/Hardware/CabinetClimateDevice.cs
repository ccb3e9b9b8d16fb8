using EdgeGateway.FieldBus.Polling;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Values;

namespace EdgeGateway.Hardware;

/// <summary>
/// The cabinet climate sensor as the pipeline sees it: a device with two channels, <c>temperature</c> (°C) and
/// <c>humidity</c> (%), so they sit in the channel table next to the analyzers' and are validated, flagged, watched,
/// stored and aggregated like them. The profile is built in memory; its register addresses are never polled (the
/// sensor is on I2C, read by <see cref="CabinetClimateService"/>), they only satisfy the profile's shape.
/// </summary>
internal static class CabinetClimateDevice
{
    public const string TemperatureChannel = "temperature";
    public const string HumidityChannel = "humidity";

    /// <summary>Index of <see cref="TemperatureChannel"/> in the profile.</summary>
    public const int TemperatureIndex = 0;

    /// <summary>Index of <see cref="HumidityChannel"/> in the profile.</summary>
    public const int HumidityIndex = 1;

    // HJ 212-2017 Table B.10 gives i33101-i33107 to station-house (站房) parameters without naming each one in our
    // reference (shared/docs/hj212-reference.md); the first two are taken for temperature and humidity, as the
    // provincial platforms we know use them. A site whose platform numbers them otherwise can override the code.
    public const string TemperatureCode = "i33101";
    public const string HumidityCode = "i33102";

    /// <summary>The profile: temperature over the chips' operating range (-40 to 125 °C), humidity 0-100 %.</summary>
    public static DeviceProfile Profile { get; } = new(
        "cabinet-climate",
        string.Empty,
        "Cabinet temperature and humidity (SHT3x or BME280 on I2C)",
        DeviceKind.Other,
        new ProfileDefaults(),
        [
            new ProfileChannel(TemperatureChannel, TemperatureCode, "Cabinet temperature", "°C", ModbusTable.InputRegister, 0, ModbusDataType.F32, null, ModbusByteOrder.ABCD, 1, 0, new MeasuringRange(-40, 125)),
            new ProfileChannel(HumidityChannel, HumidityCode, "Cabinet relative humidity", "%", ModbusTable.InputRegister, 2, ModbusDataType.F32, null, ModbusByteOrder.ABCD, 1, 0, new MeasuringRange(0, 100)),
        ],
        [],
        new Dictionary<string, ProfileCommand>(StringComparer.Ordinal),
        null);

    /// <summary>The device handed to the pipeline sink with each reading (only its name is used there).</summary>
    public static PolledDevice Create(string name) => PolledDevice.Create(name, 1, Profile);
}
