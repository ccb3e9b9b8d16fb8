namespace EdgeGateway.Hardware;

/// <summary>The DS3231 real-time clock.</summary>
/// <param name="I2cBus">The bus number (/dev/i2c-N).</param>
/// <param name="Address">The 7-bit address.</param>
internal sealed record RtcSettings(int I2cBus, int Address);
