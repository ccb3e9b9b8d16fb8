namespace EdgeGateway.Configuration.Documents;

/// <summary><c>hardware.climate</c>: the cabinet's temperature and humidity sensor on I2C.</summary>
internal sealed class ClimateDocument
{
    public bool? Enabled { get; set; }

    /// <summary><c>sht3x</c> or <c>bme280</c>.</summary>
    public string? Sensor { get; set; }

    /// <summary>The I2C bus number (<c>/dev/i2c-N</c>).</summary>
    public int? I2cBus { get; set; }

    /// <summary>The 7-bit I2C address; the sensor's default when absent (SHT3x 0x44 = 68, BME280 0x77 = 119).</summary>
    public int? Address { get; set; }

    /// <summary>The device name its channels get (<c>cabinet.temperature</c>, <c>cabinet.humidity</c>).</summary>
    public string? Device { get; set; }

    /// <summary>How often it is read, e.g. <c>10s</c>.</summary>
    public string? Interval { get; set; }

    /// <summary>Above this cabinet temperature (°C) an alarm event is raised: analyzers drift when the cabinet overheats.</summary>
    public double? TemperatureHigh { get; set; }

    /// <summary>Above this relative humidity (%) an alarm event is raised.</summary>
    public double? HumidityHigh { get; set; }

    /// <summary>Per-channel settings of <c>temperature</c> and <c>humidity</c>, as for an analyzer's channels (stuck limit, code, range).</summary>
    public Dictionary<string, ChannelSettingsDocument>? Channels { get; set; }
}
