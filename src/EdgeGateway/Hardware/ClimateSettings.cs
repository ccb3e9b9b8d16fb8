namespace EdgeGateway.Hardware;

/// <summary>The cabinet climate sensor.</summary>
/// <param name="Sensor">Which chip.</param>
/// <param name="I2cBus">The bus number (/dev/i2c-N).</param>
/// <param name="Address">The 7-bit address.</param>
/// <param name="Device">The device name of its channels (<c>cabinet</c>).</param>
/// <param name="Interval">How often it is read.</param>
/// <param name="TemperatureHigh">Alarm above this temperature (°C); null: none.</param>
/// <param name="HumidityHigh">Alarm above this relative humidity (%); null: none.</param>
internal sealed record ClimateSettings(ClimateSensorKind Sensor, int I2cBus, int Address, string Device, TimeSpan Interval, double? TemperatureHigh, double? HumidityHigh);
