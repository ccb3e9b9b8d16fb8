namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>
/// A DS3231's register file (datasheet Figure 1): BCD time in 0x00-0x06 (24-hour mode, century bit in the month),
/// the status register 0x0F with OSF (bit 7), the temperature in 0x11-0x12. The time does not run: tests set it.
/// </summary>
internal sealed class Ds3231Model(int busId = 1, int address = 0x68) : RegisterFileI2cDevice(busId, address)
{
    public bool OscillatorStopped
    {
        get => (Registers[0x0F] & 0x80) != 0;
        set => Registers[0x0F] = (byte)(value ? Registers[0x0F] | 0x80 : Registers[0x0F] & ~0x80);
    }

    public DateTime Time
    {
        get
        {
            var century = (Registers[0x05] & 0x80) != 0 ? 2100 : 2000;
            return new DateTime(
                century + FromBcd(Registers[0x06]), FromBcd((byte)(Registers[0x05] & 0x1F)), FromBcd(Registers[0x04]),
                FromBcd((byte)(Registers[0x02] & 0x3F)), FromBcd(Registers[0x01]), FromBcd(Registers[0x00]), DateTimeKind.Utc);
        }

        set
        {
            Registers[0x00] = ToBcd(value.Second);
            Registers[0x01] = ToBcd(value.Minute);
            Registers[0x02] = ToBcd(value.Hour);
            Registers[0x03] = (byte)((int)value.DayOfWeek + 1);
            Registers[0x04] = ToBcd(value.Day);
            Registers[0x05] = (byte)(ToBcd(value.Month) | (value.Year >= 2100 ? 0x80 : 0));
            Registers[0x06] = ToBcd(value.Year % 100);
        }
    }

    /// <summary>The temperature registers for <paramref name="celsius"/> (quarter degrees).</summary>
    public void SetTemperature(double celsius)
    {
        var quarters = (int)Math.Round(celsius * 4);
        Registers[0x11] = (byte)(sbyte)(quarters >> 2);
        Registers[0x12] = (byte)((quarters & 0x03) << 6);
    }

    private static int FromBcd(byte value) => ((value >> 4) * 10) + (value & 0x0F);

    private static byte ToBcd(int value) => (byte)(((value / 10) << 4) | (value % 10));
}
