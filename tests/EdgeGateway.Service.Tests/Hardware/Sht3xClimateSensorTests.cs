using EdgeGateway.Hardware;

namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>The SHT3x reader against a model of the chip on the bus.</summary>
public sealed class Sht3xClimateSensorTests
{
    [Fact]
    public void The_checksum_is_the_datasheets()
    {
        Assert.Equal(0x92, Sht3xClimateSensor.Crc8([0xBE, 0xEF]));
        Assert.Equal(Sht3xModel.Crc(0x66, 0x66), Sht3xClimateSensor.Crc8([0x66, 0x66]));
    }

    [Fact]
    public void A_single_shot_measurement_gives_temperature_and_humidity()
    {
        // 26214 / 65535 is exactly 0.4: -45 + 175 × 0.4 = 25 °C, 100 × 0.4 = 40 %RH.
        var chip = new Sht3xModel { RawTemperature = 26214, RawHumidity = 26214 };
        using var sensor = new Sht3xClimateSensor(chip);

        Assert.True(sensor.TryRead(out var sample, out var error), error);

        Assert.Equal(25.0, sample.TemperatureCelsius, 6);
        Assert.Equal(40.0, sample.HumidityPercent, 6);
        Assert.Equal([(ushort)0x2400], chip.Commands);
        Assert.Equal("SHT3x at 0x44 on /dev/i2c-1", sensor.Description);
    }

    [Fact]
    public void A_crc_error_is_an_error_never_the_previous_values()
    {
        var chip = new Sht3xModel { RawTemperature = 26214, RawHumidity = 26214 };
        using var sensor = new Sht3xClimateSensor(chip);
        Assert.True(sensor.TryRead(out _, out _));

        chip.RawTemperature = 30000;
        chip.CorruptCrc = true;

        Assert.False(sensor.TryRead(out var sample, out var error));
        Assert.Contains("CRC", error, StringComparison.Ordinal);
        Assert.Equal(default, sample);
    }

    [Fact]
    public void A_chip_that_does_not_answer_is_an_error()
    {
        using var sensor = new Sht3xClimateSensor(new Sht3xModel { Answering = false });

        Assert.False(sensor.TryRead(out _, out var error));
        Assert.Contains("did not answer", error, StringComparison.Ordinal);
    }
}
