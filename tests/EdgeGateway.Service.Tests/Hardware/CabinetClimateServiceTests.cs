using EdgeGateway.FieldBus.Polling;
using EdgeGateway.Hardware;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Ring;
using EdgeGateway.Pipeline.Validation;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>The cabinet climate service: its channels through the real pipeline sink, its limits and their hysteresis.</summary>
public sealed class CabinetClimateServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    private readonly Sht3xModel _chip = new();
    private readonly List<GatewayEvent> _events = [];
    private readonly FakeTimeProvider _time = new(Now);

    [Fact]
    public void Readings_become_ordinary_channels_after_the_analyzers_and_a_crc_error_is_flag_b()
    {
        var analyzer = PolledDevice.Create("cems", 1, CabinetClimateDevice.Profile);
        var cabinet = CabinetClimateDevice.Create("cabinet");
        var channels = ChannelTable.ForDevices([analyzer, cabinet]);
        using var ring = new MpscRing<Reading>(16);
        var sink = new ReadingPipelineSink(channels, new GatewayChannelStateHolder(new GatewayChannelState(channels.Count)), ring, new MonotonicGuardedClock());
        using var service = Service(Settings(), sink);

        SetClimate(25, 40);
        service.ReadOnce();
        _chip.CorruptCrc = true;
        _time.SetUtcNow(Now.AddSeconds(10));
        service.ReadOnce();

        Assert.Equal(["cabinet.temperature", "cabinet.humidity"], channels.Channels.Skip(2).Select(channel => channel.Key));
        Assert.Equal(["i33101", "i33102"], channels.Channels.Skip(2).Select(channel => channel.Code));
        var readings = new Reading[4];
        Assert.Equal(4, ring.Drain(readings));
        Assert.Equal((2, DataFlag.N), (readings[0].Channel, readings[0].Flag));
        Assert.Equal(25.0, readings[0].Value, 2);
        Assert.Equal((3, DataFlag.N), (readings[1].Channel, readings[1].Flag));
        Assert.Equal(40.0, readings[1].Value, 2);
        Assert.All(readings[2..], reading =>
        {
            Assert.Equal((DataFlag.B, FlagReason.NoAnswer), (reading.Flag, reading.Reason));
            Assert.True(double.IsNaN(reading.Value));
        });
        Assert.Equal(Now.AddSeconds(10), readings[2].Timestamp);
    }

    [Fact]
    public void A_sensor_that_cannot_be_opened_gives_flag_b_and_is_tried_again()
    {
        var sink = new RecordingPollSink();
        var opens = 0;
        using var service = new CabinetClimateService(Settings(), () => ++opens == 1 ? throw new IOException("Can not open I2C device file '/dev/i2c-1'") : new Sht3xClimateSensor(_chip), sink, _events.Add, NullLogger.Instance, _time);
        SetClimate(25, 40);

        service.ReadOnce();
        service.ReadOnce();

        Assert.Equal(2, opens);
        Assert.All(sink.Cycles[0].Readings, reading => Assert.Equal(ChannelReadOutcome.NoAnswer, reading.Outcome));
        Assert.All(sink.Cycles[1].Readings, reading => Assert.Equal(ChannelReadOutcome.Ok, reading.Outcome));
        Assert.Equal("cabinet", sink.Cycles[1].Device);
        Assert.Equal([CabinetClimateDevice.TemperatureIndex, CabinetClimateDevice.HumidityIndex], sink.Cycles[1].Readings.Select(reading => reading.ChannelIndex));
    }

    [Fact]
    public void A_limit_raises_one_alarm_when_crossed_and_one_when_back_below_its_hysteresis()
    {
        using var service = Service(Settings(temperatureHigh: 40, humidityHigh: 80), new RecordingPollSink());

        foreach (var temperature in new[] { 39.0, 41.0, 42.0, 39.5, 40.5, 39.2, 38.5, 38.0 })
        {
            SetClimate(temperature, 50);
            service.ReadOnce();
        }

        // 41 crosses; 39.5, 40.5 and 39.2 stay within the 1 °C hysteresis; 38.5 clears.
        Assert.Equal(2, _events.Count);
        Assert.All(_events, alarm => Assert.Equal((GatewayEventKind.Alarm, "cabinet.temperature"), (alarm.Kind, alarm.Source)));
        Assert.Contains("above its limit 40 °C", _events[0].Text, StringComparison.Ordinal);
        Assert.Contains("back below its limit 40 °C", _events[1].Text, StringComparison.Ordinal);

        _events.Clear();
        foreach (var humidity in new[] { 85.0, 79.0, 76.0 })
        {
            SetClimate(25, humidity);
            service.ReadOnce();
        }

        Assert.Equal(["cabinet.humidity", "cabinet.humidity"], _events.Select(alarm => alarm.Source));
    }

    [Fact]
    public void A_failed_read_neither_raises_nor_clears_an_alarm()
    {
        using var service = Service(Settings(temperatureHigh: 40), new RecordingPollSink());
        SetClimate(45, 50);
        service.ReadOnce();
        _chip.Answering = false;
        service.ReadOnce();
        _chip.Answering = true;
        service.ReadOnce();

        Assert.Single(_events);
    }

    private static ClimateSettings Settings(double? temperatureHigh = null, double? humidityHigh = null) =>
        new(ClimateSensorKind.Sht3x, 1, 0x44, "cabinet", TimeSpan.FromSeconds(10), temperatureHigh, humidityHigh);

    private CabinetClimateService Service(ClimateSettings settings, IPollSink sink) =>
        new(settings, () => new Sht3xClimateSensor(_chip), sink, _events.Add, NullLogger.Instance, _time);

    private void SetClimate(double celsius, double percent)
    {
        _chip.RawTemperature = (ushort)Math.Round((celsius + 45) / 175 * 65535);
        _chip.RawHumidity = (ushort)Math.Round(percent / 100 * 65535);
    }
}
