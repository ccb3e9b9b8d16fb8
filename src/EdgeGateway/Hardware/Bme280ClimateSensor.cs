using System.Buffers.Binary;
using System.Device.I2c;
using System.Diagnostics.CodeAnalysis;

namespace EdgeGateway.Hardware;

/// <summary>
/// A Bosch BME280 read in forced mode (datasheet §3.3.3): one temperature and one humidity conversion at
/// oversampling ×1 per read, then the datasheet's 32-bit integer compensation (§4.2.3, §8.2). Pressure is measured
/// (the chip has no way to skip it without also changing the filter semantics) but not reported.
/// </summary>
/// <remarks>
/// Written here from the datasheet rather than using Iot.Device.Bindings' Bme280, which pulls UnitsNet's reflection
/// into the AOT build. The calibration block is read on the first read that reaches the chip, so a sensor that is
/// absent at start and plugged in later still works.
/// </remarks>
internal sealed class Bme280ClimateSensor : ICabinetClimateSensor
{
    public const byte ChipIdRegister = 0xD0;
    public const byte ExpectedChipId = 0x60;
    public const byte CalibrationBlock1 = 0x88;
    public const byte CalibrationBlock2 = 0xE1;
    public const byte ControlHumidityRegister = 0xF2;
    public const byte StatusRegister = 0xF3;
    public const byte ControlMeasurementRegister = 0xF4;
    public const byte DataRegister = 0xF7;

    // osrs_t ×1 (001 in bits 7-5), osrs_p ×1 (001 in bits 4-2), mode forced (01).
    private const byte ForcedMeasurement = 0b001_001_01;

    // osrs_h ×1; the datasheet: a change of ctrl_hum takes effect only after ctrl_meas is written.
    private const byte HumidityOversamplingOne = 0b001;

    // The ADC's value for a measurement that was skipped (never converted).
    private const int SkippedTemperature = 0x80000;
    private const int SkippedHumidity = 0x8000;

    // Datasheet Appendix B: at ×1 oversampling of all three, at most 1.25 + 2.3 × 3 + 0.575 × 2 ms = 9.3 ms.
    private static readonly TimeSpan ConversionTime = TimeSpan.FromMilliseconds(10);
    private const int MaxStatusPolls = 10;

    private readonly I2cDevice _device;
    private bool _calibrated;
    private ushort _t1;
    private short _t2;
    private short _t3;
    private byte _h1;
    private short _h2;
    private byte _h3;
    private short _h4;
    private short _h5;
    private sbyte _h6;

    public Bme280ClimateSensor(I2cDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        var settings = device.ConnectionSettings;
        Description = $"BME280 at 0x{settings.DeviceAddress:X2} on /dev/i2c-{settings.BusId}";
    }

    public string Description { get; }

    public bool TryRead(out ClimateSample sample, [NotNullWhen(false)] out string? error)
    {
        sample = default;
        Span<byte> data = stackalloc byte[8];
        try
        {
            if (!_calibrated && !TryReadCalibration(out error))
            {
                return false;
            }

            WriteRegister(ControlHumidityRegister, HumidityOversamplingOne);
            WriteRegister(ControlMeasurementRegister, ForcedMeasurement);
            Thread.Sleep(ConversionTime);
            var polls = 0;
            while ((ReadRegister(StatusRegister) & 0x08) != 0)
            {
                if (++polls >= MaxStatusPolls)
                {
                    error = $"{Description} is still measuring after {polls} checks";
                    return false;
                }

                Thread.Sleep(TimeSpan.FromMilliseconds(2));
            }

            ReadRegisters(DataRegister, data);
        }
        catch (IOException exception)
        {
            // Read the calibration again next time: the chip may have been replaced or power-cycled.
            _calibrated = false;
            error = $"{Description} did not answer: {exception.Message}";
            return false;
        }

        var rawTemperature = (data[3] << 12) | (data[4] << 4) | (data[5] >> 4);
        var rawHumidity = (data[6] << 8) | data[7];
        if (rawTemperature == SkippedTemperature || rawHumidity == SkippedHumidity)
        {
            error = $"{Description} returned no measurement (a skipped conversion)";
            return false;
        }

        var centiCelsius = CompensateTemperature(rawTemperature, out var fineTemperature);
        var humidityQ22_10 = CompensateHumidity(rawHumidity, fineTemperature);
        sample = new ClimateSample(centiCelsius / 100.0, humidityQ22_10 / 1024.0);
        error = null;
        return true;
    }

    /// <summary>Datasheet §4.2.3 <c>BME280_compensate_T_int32</c>: °C × 100, and t_fine for the humidity.</summary>
    internal int CompensateTemperature(int raw, out int fineTemperature)
    {
        var var1 = (((raw >> 3) - (_t1 << 1)) * _t2) >> 11;
        var var2 = (((((raw >> 4) - _t1) * ((raw >> 4) - _t1)) >> 12) * _t3) >> 14;
        fineTemperature = var1 + var2;
        return ((fineTemperature * 5) + 128) >> 8;
    }

    /// <summary>Datasheet §4.2.3 <c>bme280_compensate_H_int32</c>: %RH in Q22.10 (divide by 1024).</summary>
    internal uint CompensateHumidity(int raw, int fineTemperature)
    {
        var x = fineTemperature - 76800;
        x = ((((raw << 14) - (_h4 << 20) - (_h5 * x)) + 16384) >> 15)
            * ((((((((x * _h6) >> 10) * (((x * _h3) >> 11) + 32768)) >> 10) + 2097152) * _h2) + 8192) >> 14);
        x -= ((((x >> 15) * (x >> 15)) >> 7) * _h1) >> 4;
        x = Math.Clamp(x, 0, 419430400);
        return (uint)(x >> 12);
    }

    private bool TryReadCalibration([NotNullWhen(false)] out string? error)
    {
        var id = ReadRegister(ChipIdRegister);
        if (id != ExpectedChipId)
        {
            // 0x58 is a BMP280 (no humidity), 0x61 a BME680: both answer at the same addresses.
            error = $"{Description}: chip id 0x{id:X2} at register 0xD0, expected 0x{ExpectedChipId:X2} (a BMP280 answers 0x58 and has no humidity)";
            return false;
        }

        Span<byte> first = stackalloc byte[26];
        Span<byte> second = stackalloc byte[7];
        ReadRegisters(CalibrationBlock1, first);
        ReadRegisters(CalibrationBlock2, second);
        _t1 = BinaryPrimitives.ReadUInt16LittleEndian(first);
        _t2 = BinaryPrimitives.ReadInt16LittleEndian(first[2..]);
        _t3 = BinaryPrimitives.ReadInt16LittleEndian(first[4..]);
        _h1 = first[25];
        _h2 = BinaryPrimitives.ReadInt16LittleEndian(second);
        _h3 = second[2];

        // dig_H4 and dig_H5 are 12-bit signed values sharing register 0xE5's two nibbles.
        _h4 = (short)(((sbyte)second[3] << 4) | (second[4] & 0x0F));
        _h5 = (short)(((sbyte)second[5] << 4) | (second[4] >> 4));
        _h6 = (sbyte)second[6];
        _calibrated = true;
        error = null;
        return true;
    }

    private byte ReadRegister(byte register)
    {
        Span<byte> value = stackalloc byte[1];
        ReadRegisters(register, value);
        return value[0];
    }

    private void ReadRegisters(byte first, Span<byte> values) => _device.WriteRead([first], values);

    private void WriteRegister(byte register, byte value) => _device.Write([register, value]);

    public void Dispose() => _device.Dispose();
}
