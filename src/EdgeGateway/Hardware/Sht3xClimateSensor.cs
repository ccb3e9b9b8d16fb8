using System.Buffers.Binary;
using System.Device.I2c;
using System.Diagnostics.CodeAnalysis;

namespace EdgeGateway.Hardware;

/// <summary>
/// A Sensirion SHT3x (SHT30/31/35) read in single-shot mode, high repeatability, without clock stretching (datasheet
/// §4.3-4.5): command 0x2400, wait for the conversion, read 6 bytes (temperature word, CRC, humidity word, CRC).
/// </summary>
/// <remarks>
/// Written here from the datasheet rather than using Iot.Device.Bindings' Sht3x: that one keeps its previous values
/// on a CRC error, and pulls UnitsNet's reflection into the AOT build.
/// </remarks>
internal sealed class Sht3xClimateSensor : ICabinetClimateSensor
{
    /// <summary>Single shot, high repeatability, clock stretching disabled.</summary>
    public const ushort SingleShotHighRepeatability = 0x2400;

    // The datasheet's maximum conversion time at high repeatability is 15.5 ms.
    private static readonly TimeSpan ConversionTime = TimeSpan.FromMilliseconds(16);

    private readonly I2cDevice _device;

    public Sht3xClimateSensor(I2cDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        var settings = device.ConnectionSettings;
        Description = $"SHT3x at 0x{settings.DeviceAddress:X2} on /dev/i2c-{settings.BusId}";
    }

    public string Description { get; }

    public bool TryRead(out ClimateSample sample, [NotNullWhen(false)] out string? error)
    {
        sample = default;
        Span<byte> answer = stackalloc byte[6];
        try
        {
            Span<byte> command = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(command, SingleShotHighRepeatability);
            _device.Write(command);
            Thread.Sleep(ConversionTime);
            _device.Read(answer);
        }
        catch (IOException exception)
        {
            error = $"{Description} did not answer: {exception.Message}";
            return false;
        }

        if (Crc8(answer[..2]) != answer[2] || Crc8(answer[3..5]) != answer[5])
        {
            error = $"{Description} answered with a CRC error";
            return false;
        }

        var rawTemperature = BinaryPrimitives.ReadUInt16BigEndian(answer);
        var rawHumidity = BinaryPrimitives.ReadUInt16BigEndian(answer[3..]);
        sample = new ClimateSample(-45 + (175.0 * rawTemperature / 65535), 100.0 * rawHumidity / 65535);
        error = null;
        return true;
    }

    /// <summary>The SHT3x checksum: CRC-8, polynomial 0x31 (x⁸+x⁵+x⁴+1), initial value 0xFF, no final XOR.</summary>
    public static byte Crc8(ReadOnlySpan<byte> data)
    {
        byte crc = 0xFF;
        foreach (var value in data)
        {
            crc ^= value;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80) != 0 ? (byte)((crc << 1) ^ 0x31) : (byte)(crc << 1);
            }
        }

        return crc;
    }

    public void Dispose() => _device.Dispose();
}
