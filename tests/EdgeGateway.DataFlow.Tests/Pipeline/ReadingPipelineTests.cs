using EdgeGateway.FieldBus.Polling;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Ring;
using EdgeGateway.Pipeline.Validation;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.DataFlow.Tests.Pipeline;

/// <summary>From a poll cycle to flagged readings on the consumer's side of the ring.</summary>
public sealed class ReadingPipelineTests
{
    private const string ProfileJson = """
        {
          "model": "two-channels", "manufacturer": "test", "description": "", "kind": "flue-gas",
          "channels": [
            { "id": "so2", "code": "a21026", "name": "SO2", "unit": "mg/m3", "table": "input", "address": 0, "type": "u16", "range": { "min": 0, "max": 100 } },
            { "id": "o2", "code": "a19001", "name": "O2", "unit": "%", "table": "input", "address": 1, "type": "u16", "scale": 0.1 }
          ]
        }
        """;

    private static readonly DateTimeOffset Now = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);

    private readonly PolledDevice _first;
    private readonly PolledDevice _second;
    private readonly ChannelTable _channels;

    public ReadingPipelineTests()
    {
        var profile = DeviceProfileLoader.Parse(ProfileJson, "two-channels.json");
        _first = PolledDevice.Create("first", 1, profile);
        _second = PolledDevice.Create("second", 2, profile);
        _channels = ChannelTable.ForDevices([_first, _second]);
    }

    [Fact]
    public void Channels_are_numbered_device_by_device()
    {
        Assert.Equal(["first.so2", "first.o2", "second.so2", "second.o2"], _channels.Channels.Select(channel => channel.Key));
        Assert.Equal(2, _channels.FirstChannelOf("second"));
    }

    [Fact]
    public void A_poll_cycle_becomes_flagged_readings_in_the_ring_and_reaches_every_stage()
    {
        using var ring = new MpscRing<Reading>(64);
        var state = new GatewayChannelStateHolder(new GatewayChannelState(_channels.Count));
        state.Update(current => current.With(3, new ChannelOverride(MaintenanceUntil: Now.AddHours(1))));
        var sink = new ReadingPipelineSink(_channels, state, ring, new MonotonicGuardedClock());
        var latest = new LatestReadings(_channels.Count);
        var consumer = new ReadingConsumer(ring, [latest]);

        sink.OnPoll(_first, Now, [Ok(0, 150), Ok(1, 8.5, ChannelStatus.Calibration)], ModbusErrorKind.None);
        sink.OnPoll(_second, Now, [new ChannelReading(0, ChannelReadOutcome.NoAnswer, double.NaN, double.NaN, ChannelStatus.Normal), Ok(1, 9)], ModbusErrorKind.Timeout);
        ring.Complete();
        consumer.Run();

        Assert.Equal(4, consumer.Consumed);
        Assert.Equal((DataFlag.T, 150d), Latest(latest, 0));
        Assert.Equal((DataFlag.C, 8.5), Latest(latest, 1));
        Assert.Equal(DataFlag.B, Latest(latest, 2).Flag);
        Assert.Equal((DataFlag.M, 9d), Latest(latest, 3));
    }

    [Fact]
    public void Before_the_time_is_trusted_normal_readings_say_so_and_keep_their_flag()
    {
        using var ring = new MpscRing<Reading>(64);
        var state = new GatewayChannelStateHolder(new GatewayChannelState(_channels.Count));
        var trusted = false;
        var sink = new ReadingPipelineSink(_channels, state, ring, new MonotonicGuardedClock(), () => trusted);

        sink.OnPoll(_first, Now, [Ok(0, 50), new ChannelReading(1, ChannelReadOutcome.NoAnswer, double.NaN, double.NaN, ChannelStatus.Normal)], ModbusErrorKind.Timeout);
        trusted = true;
        sink.OnPoll(_first, Now.AddSeconds(1), [Ok(0, 51), Ok(1, 9)], ModbusErrorKind.None);

        var readings = new Reading[4];
        Assert.Equal(4, ring.Drain(readings));
        Assert.Equal((DataFlag.N, FlagReason.UntrustedTime), (readings[0].Flag, readings[0].Reason));

        // A reading with a reason of its own keeps it: the missing answer says more than the doubtful time.
        Assert.Equal((DataFlag.B, FlagReason.NoAnswer), (readings[1].Flag, readings[1].Reason));
        Assert.All(readings[2..], reading => Assert.Equal((DataFlag.N, FlagReason.None), (reading.Flag, reading.Reason)));
    }

    [Fact]
    public void Stages_are_ticked_even_when_the_ring_never_runs_empty()
    {
        using var ring = new MpscRing<Reading>(16);
        var time = new FakeTimeProvider(Now);
        var stage = new RefillingStage(ring, time, TimeSpan.FromMilliseconds(300), batches: 20);
        for (var i = 0; i < 4; i++)
        {
            ring.TryWrite(new Reading(0, Now.UtcTicks, i, i, DataFlag.N, FlagReason.None));
        }

        var consumer = new ReadingConsumer(ring, [stage], batchSize: 4, time);
        consumer.Run();

        // 20 batches of 300 ms each, a second due after every fourth: ticks at 1.2, 2.4, 3.6 and 4.8 s, all while busy.
        Assert.Equal(4, stage.TicksWhileBusy);
        Assert.Equal(80, consumer.Consumed);
    }

    [Fact]
    public void Readings_of_devices_polled_in_the_same_round_reach_the_store_in_one_batch()
    {
        // Issue 18: each device's cycle woke the consumer and cost a store transaction of its own.
        using var ring = new MpscRing<Reading>(64);
        var sink = new ReadingPipelineSink(_channels, new GatewayChannelStateHolder(new GatewayChannelState(_channels.Count)), ring, new MonotonicGuardedClock());
        var store = new BatchCountingStage();
        var consumer = new ReadingConsumer(ring, [store]) { GatherDelay = TimeSpan.FromSeconds(5) };
        var running = consumer.Start();

        sink.OnPoll(_first, Now, [Ok(0, 1), Ok(1, 2)], ModbusErrorKind.None);

        // The second device answers a little later in the same round: long enough for the consumer to wake in between.
        Thread.Sleep(100);
        sink.OnPoll(_second, Now, [Ok(0, 3), Ok(1, 4)], ModbusErrorKind.None);
        ring.Complete();
        Assert.True(running.Join(TimeSpan.FromSeconds(30)), "the consumer ended");

        Assert.Equal(4, consumer.Consumed);
        Assert.Equal([4], store.BatchSizes);
    }

    [Fact]
    public void A_full_ring_refuses_and_counts_instead_of_blocking_the_bus()
    {
        using var ring = new MpscRing<Reading>(2);
        var overflows = 0L;
        ring.Overflowed += total => overflows = total;
        var sink = new ReadingPipelineSink(_channels, new GatewayChannelStateHolder(new GatewayChannelState(_channels.Count)), ring, new MonotonicGuardedClock());

        sink.OnPoll(_first, Now, [Ok(0, 1), Ok(1, 2)], ModbusErrorKind.None);
        sink.OnPoll(_second, Now, [Ok(0, 3), Ok(1, 4)], ModbusErrorKind.None);

        Assert.Equal(2, ring.Count);
        Assert.Equal(2, ring.Rejected);
        Assert.Equal(1, overflows);
    }

    private static ChannelReading Ok(int index, double value, ChannelStatus status = ChannelStatus.Normal) =>
        new(index, ChannelReadOutcome.Ok, value, value, status);

    private static (DataFlag Flag, double Value) Latest(LatestReadings latest, int channel)
    {
        Assert.True(latest.TryGet(channel, out var reading));
        return (reading.Flag, reading.Value);
    }
}
