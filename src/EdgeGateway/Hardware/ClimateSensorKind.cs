namespace EdgeGateway.Hardware;

/// <summary>The climate sensor chips the gateway reads.</summary>
internal enum ClimateSensorKind
{
    /// <summary>Sensirion SHT3x (SHT30/31/35): temperature and humidity, CRC-checked.</summary>
    Sht3x,

    /// <summary>Bosch BME280: temperature, humidity and pressure.</summary>
    Bme280,
}
