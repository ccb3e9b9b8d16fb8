using System.Device.I2c;

namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>
/// An SHT3x on the bus: answers the single-shot command 0x2400 with the words the test set, each followed by its CRC
/// (computed here bit by bit from the datasheet's definition, not by the code under test). <see cref="CorruptCrc"/>
/// spoils the humidity word's CRC, as a noisy cable does.
/// </summary>
internal sealed class Sht3xModel(int busId = 1, int address = 0x44) : I2cDevice
{
    private bool _measured;

    public ushort RawTemperature { get; set; }

    public ushort RawHumidity { get; set; }

    public bool CorruptCrc { get; set; }

    public bool Answering { get; set; } = true;

    public List<ushort> Commands { get; } = [];

    public override I2cConnectionSettings ConnectionSettings { get; } = new(busId, address);

    /// <summary>CRC-8 of the datasheet (§4.12): polynomial 0x31, initialisation 0xFF; its example 0xBEEF gives 0x92.</summary>
    public static byte Crc(byte high, byte low)
    {
        var crc = 0xFF;
        foreach (var value in new[] { high, low })
        {
            crc ^= value;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x31) & 0xFF : (crc << 1) & 0xFF;
            }
        }

        return (byte)crc;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!Answering)
        {
            throw new IOException("Error 121 performing I2C data transfer (no acknowledge)");
        }

        var command = (ushort)((buffer[0] << 8) | buffer[1]);
        Commands.Add(command);
        _measured = command == 0x2400;
    }

    public override void Read(Span<byte> buffer)
    {
        if (!Answering || !_measured)
        {
            // The chip NACKs a read with no measurement pending.
            throw new IOException("Error 121 performing I2C data transfer (no acknowledge)");
        }

        _measured = false;
        byte[] answer =
        [
            (byte)(RawTemperature >> 8), (byte)RawTemperature, Crc((byte)(RawTemperature >> 8), (byte)RawTemperature),
            (byte)(RawHumidity >> 8), (byte)RawHumidity, Crc((byte)(RawHumidity >> 8), (byte)RawHumidity),
        ];
        if (CorruptCrc)
        {
            answer[5] ^= 0x01;
        }

        answer.AsSpan(0, buffer.Length).CopyTo(buffer);
    }

    public override byte ReadByte() => throw new NotSupportedException("the SHT3x is read 6 bytes at a time");

    public override void WriteByte(byte value) => throw new NotSupportedException("SHT3x commands are 16 bits");

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }
}
