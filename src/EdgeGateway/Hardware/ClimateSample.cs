namespace EdgeGateway.Hardware;

/// <summary>One measurement of the cabinet's air.</summary>
/// <param name="TemperatureCelsius">Air temperature, °C.</param>
/// <param name="HumidityPercent">Relative humidity, %RH.</param>
internal readonly record struct ClimateSample(double TemperatureCelsius, double HumidityPercent);
