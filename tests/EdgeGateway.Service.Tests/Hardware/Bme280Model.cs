using System.Buffers.Binary;

namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>
/// A BME280's register file: chip id 0x60 at 0xD0, the calibration block at 0x88-0xA1 and 0xE1-0xE7 packed as the
/// datasheet's Table 16 says, and raw ADC values in 0xF7-0xFE that a forced measurement (ctrl_meas mode 01) "produces".
/// </summary>
internal sealed class Bme280Model : RegisterFileI2cDevice
{
    public Bme280Model(int busId = 1, int address = 0x77)
        : base(busId, address)
    {
        Registers[0xD0] = 0x60;
    }

    public int ForcedMeasurements { get; private set; }

    /// <summary>Raw values the next forced measurement leaves in the data registers (20-bit temperature, 16-bit humidity).</summary>
    public int RawTemperature { get; set; } = 0x80000;

    public int RawHumidity { get; set; } = 0x8000;

    public void SetCalibration(ushort t1, short t2, short t3, byte h1, short h2, byte h3, short h4, short h5, sbyte h6)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(Registers.AsSpan(0x88), t1);
        BinaryPrimitives.WriteInt16LittleEndian(Registers.AsSpan(0x8A), t2);
        BinaryPrimitives.WriteInt16LittleEndian(Registers.AsSpan(0x8C), t3);
        Registers[0xA1] = h1;
        BinaryPrimitives.WriteInt16LittleEndian(Registers.AsSpan(0xE1), h2);
        Registers[0xE3] = h3;

        // 0xE4 holds H4[11:4], 0xE5 H4[3:0] in its low nibble and H5[3:0] in its high one, 0xE6 H5[11:4].
        Registers[0xE4] = (byte)(h4 >> 4);
        Registers[0xE5] = (byte)((h4 & 0x0F) | ((h5 & 0x0F) << 4));
        Registers[0xE6] = (byte)(h5 >> 4);
        Registers[0xE7] = (byte)h6;
    }

    protected override void OnWrite(byte register, byte value)
    {
        base.OnWrite(register, value);
        if (register == 0xF4 && (value & 0x03) == 0x01)
        {
            ForcedMeasurements++;
            Registers[0xFA] = (byte)(RawTemperature >> 12);
            Registers[0xFB] = (byte)(RawTemperature >> 4);
            Registers[0xFC] = (byte)((RawTemperature & 0x0F) << 4);
            Registers[0xFD] = (byte)(RawHumidity >> 8);
            Registers[0xFE] = (byte)RawHumidity;

            // Back to sleep at once, measuring bit clear: the model has no conversion time.
            Registers[0xF4] = (byte)(value & ~0x03);
            Registers[0xF3] = 0;
        }
    }
}
