namespace EdgeGateway.Configuration.Documents;

/// <summary><c>hardware.rtc</c>: a battery-backed real-time clock on I2C.</summary>
internal sealed class RtcDocument
{
    public bool? Enabled { get; set; }

    /// <summary><c>ds3231</c>.</summary>
    public string? Chip { get; set; }

    /// <summary>The I2C bus number (<c>/dev/i2c-N</c>).</summary>
    public int? I2cBus { get; set; }

    /// <summary>The 7-bit I2C address; the chip's default when absent (0x68 = 104).</summary>
    public int? Address { get; set; }
}
