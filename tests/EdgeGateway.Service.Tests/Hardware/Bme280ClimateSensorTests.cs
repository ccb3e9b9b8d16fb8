using EdgeGateway.Hardware;

namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>The BME280 reader against a register-file model: forced mode and the datasheet's integer compensation.</summary>
public sealed class Bme280ClimateSensorTests
{
    // Typical humidity trimming of a real part.
    private const byte H1 = 75;
    private const short H2 = 362;
    private const byte H3 = 0;
    private const short H4 = 313;
    private const short H5 = 50;
    private const sbyte H6 = 30;

    [Fact]
    public void The_datasheets_temperature_example_gives_25_08_degrees()
    {
        // Bosch's worked example: dig_T1 27504, dig_T2 26435, dig_T3 -1000, adc_T 519888 → 25.08 °C (t_fine 128422).
        var chip = Calibrated();
        chip.RawTemperature = 519888;
        chip.RawHumidity = 30000;
        using var sensor = new Bme280ClimateSensor(chip);

        Assert.True(sensor.TryRead(out var sample, out var error), error);

        Assert.Equal(25.08, sample.TemperatureCelsius, 6);
        Assert.Equal(1, chip.ForcedMeasurements);
        Assert.Contains(((byte)0xF2, (byte)0x01), chip.Writes);
        Assert.Contains(((byte)0xF4, (byte)0x25), chip.Writes);
    }

    [Theory]
    [InlineData(26000)]
    [InlineData(30000)]
    [InlineData(34000)]
    public void Humidity_agrees_with_the_datasheets_floating_point_formula(int rawHumidity)
    {
        var chip = Calibrated();
        chip.RawTemperature = 519888;
        chip.RawHumidity = rawHumidity;
        using var sensor = new Bme280ClimateSensor(chip);

        Assert.True(sensor.TryRead(out var sample, out var error), error);

        // The datasheet's double-precision compensation (§8.1), an independent route to the same number.
        const double FineTemperature = 128422;
        var h = FineTemperature - 76800.0;
        h = (rawHumidity - ((H4 * 64.0) + (H5 / 16384.0 * h))) * (H2 / 65536.0 * (1.0 + (H6 / 67108864.0 * h * (1.0 + (H3 / 67108864.0 * h)))));
        h *= 1.0 - (H1 * h / 524288.0);
        var expected = Math.Clamp(h, 0, 100);
        Assert.InRange(sample.HumidityPercent, expected - 0.05, expected + 0.05);
        Assert.InRange(sample.HumidityPercent, 0.1, 99.9);
    }

    [Fact]
    public void A_bmp280_or_other_chip_is_refused_by_its_id()
    {
        var chip = Calibrated();
        chip.Registers[0xD0] = 0x58;
        using var sensor = new Bme280ClimateSensor(chip);

        Assert.False(sensor.TryRead(out _, out var error));
        Assert.Contains("0x58", error, StringComparison.Ordinal);
        Assert.Equal(0, chip.ForcedMeasurements);
    }

    [Fact]
    public void A_skipped_conversion_or_a_silent_chip_is_an_error()
    {
        var chip = Calibrated();
        using var sensor = new Bme280ClimateSensor(chip);

        Assert.False(sensor.TryRead(out _, out var skipped));
        Assert.Contains("skipped", skipped, StringComparison.Ordinal);

        chip.Answering = false;
        Assert.False(sensor.TryRead(out _, out var silent));
        Assert.Contains("did not answer", silent, StringComparison.Ordinal);
    }

    private static Bme280Model Calibrated()
    {
        var chip = new Bme280Model();
        chip.SetCalibration(27504, 26435, -1000, H1, H2, H3, H4, H5, H6);
        return chip;
    }
}
