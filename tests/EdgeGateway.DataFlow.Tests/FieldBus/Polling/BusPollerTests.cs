using System.Collections.Concurrent;
using EdgeGateway.FieldBus.Polling;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Framing;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Slave;
using EdgeGateway.Modbus.Transport;
using EdgeGateway.Modbus.Values;

namespace EdgeGateway.DataFlow.Tests.FieldBus.Polling;

/// <summary>The poll loop against a behavioural slave on an in-memory line.</summary>
public sealed class BusPollerTests : IDisposable
{
    private const string ProfileJson = """
        {
          "model": "test-analyzer",
          "manufacturer": "test",
          "description": "two floats, a scaled integer and a status word",
          "kind": "flue-gas",
          "defaults": { "byteOrder": "CDAB", "maxGap": 4 },
          "channels": [
            { "id": "so2", "code": "a21026", "name": "SO2", "unit": "mg/m3", "table": "input", "address": 0, "type": "f32", "range": { "min": 0, "max": 2860 } },
            { "id": "nox", "code": "a21002", "name": "NOx", "unit": "mg/m3", "table": "input", "address": 2, "type": "f32", "range": { "min": 0, "max": 2000 } },
            { "id": "temp", "code": "a01012", "name": "Flue temperature", "unit": "°C", "table": "input", "address": 8, "type": "i16", "scale": 0.1 }
          ],
          "status": [
            { "id": "state", "table": "holding", "address": 100, "type": "u16",
              "bits": [ { "bit": 0, "means": "maintenance" }, { "bit": 1, "means": "calibration", "channels": ["so2"] } ] }
          ]
        }
        """;

    private readonly ModbusSlaveMemory _analyzer = new(registers: 200, bits: 16);
    private readonly InMemoryModbusLine _line = new();
    private readonly DeviceProfile _profile = DeviceProfileLoader.Parse(ProfileJson, "test-analyzer.json");

    public BusPollerTests()
    {
        _line.Units[1] = _analyzer;
    }

    [Fact]
    public void Decodes_channels_with_scale_and_applies_status_bits_to_the_named_channels()
    {
        SetFloat(0, 123.25f);
        SetFloat(2, 45.5f);
        _analyzer.SetRegisters(ModbusTable.InputRegister, 8, [unchecked((ushort)(short)-123)]);
        _analyzer.SetRegisters(ModbusTable.HoldingRegister, 100, [0b10]);
        var sink = new RecordingSink();
        var device = PolledDevice.Create("cems", 1, _profile, Fast());

        RunFor(new BusPoller("test", _line.Master, [device], sink), until: () => !sink.Cycles.IsEmpty);

        var (_, _, readings, error) = sink.Cycles.First();
        Assert.Equal(ModbusErrorKind.None, error);
        Assert.Equal(123.25, readings[0].Value);
        Assert.Equal(45.5, readings[1].Value);
        Assert.Equal(-12.3, readings[2].Value, 9);
        Assert.Equal(-123, readings[2].Raw);
        Assert.Equal(ChannelStatus.Calibration, readings[0].Status);
        Assert.Equal(ChannelStatus.Normal, readings[1].Status);
        Assert.All(readings, reading => Assert.Equal(ChannelReadOutcome.Ok, reading.Outcome));
    }

    [Fact]
    public void A_dead_device_is_degraded_and_costs_the_healthy_one_almost_nothing_until_it_answers_again()
    {
        var sink = new RecordingSink();
        var healthy = PolledDevice.Create("healthy", 1, _profile, Fast());
        var dead = PolledDevice.Create("dead", 2, _profile, Fast() with { DegradeAfterFailedCycles = 2, ProbeInterval = TimeSpan.FromMilliseconds(400) });
        var poller = new BusPoller("test", _line.Master, [healthy, dead], sink);

        using var cancel = new CancellationTokenSource();
        var thread = poller.Start(cancel.Token);
        try
        {
            Assert.True(SpinWait.SpinUntil(() => poller.Health[1].IsDegraded, TimeSpan.FromSeconds(5)), "the silent device was never degraded");
            var deadTransactions = poller.Health[1].Transactions;
            var healthyCycles = poller.Health[0].Cycles;
            Thread.Sleep(400);

            // While degraded (one probe per 400 ms), the dead device is tried at most twice in 400 ms; the healthy one
            // keeps its pace (20 cycles expected at 20 ms; 5 leaves room for a loaded CI machine).
            Assert.InRange(poller.Health[1].Transactions - deadTransactions, 0, 2);
            Assert.True(poller.Health[0].Cycles - healthyCycles >= 5, $"healthy device polled only {poller.Health[0].Cycles - healthyCycles} times in 400 ms");
            Assert.Equal(0, poller.Health[0].Timeouts);
            Assert.True(poller.Health[1].Timeouts >= 2);
            Assert.Contains("no answer from slave 2", poller.Health[1].LastError, StringComparison.Ordinal);
            Assert.All(sink.Of("dead"), cycle => Assert.All(cycle.Readings, reading => Assert.Equal(ChannelReadOutcome.NoAnswer, reading.Outcome)));

            // One request per cycle that asked the silent device: the rest of its plan is skipped.
            Assert.Equal(poller.Health[1].OutageProbes, poller.Health[1].Transactions);

            _line.Units[2] = new ModbusSlaveMemory(registers: 200, bits: 16);
            Assert.True(SpinWait.SpinUntil(() => !poller.Health[1].IsDegraded, TimeSpan.FromSeconds(5)), "the revived device stayed degraded");
        }
        finally
        {
            cancel.Cancel();
            thread.Join(TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public void An_exception_marks_only_the_refused_channels_and_counts_as_an_answer()
    {
        // The slave has no register 100: the status word's request is refused, the channels still arrive.
        _line.Units[3] = new ModbusSlaveMemory(registers: 50, bits: 16);
        var sink = new RecordingSink();
        var device = PolledDevice.Create("partial", 3, _profile, Fast());
        var poller = new BusPoller("test", _line.Master, [device], sink);

        RunFor(poller, until: () => sink.Cycles.Count >= 3);

        Assert.All(sink.Cycles, cycle => Assert.Equal(ModbusErrorKind.Exception, cycle.Error));
        Assert.All(sink.Cycles, cycle => Assert.All(cycle.Readings, reading => Assert.Equal(ChannelReadOutcome.Ok, reading.Outcome)));
        Assert.False(poller.Health[0].IsDegraded);
        Assert.True(poller.Health[0].Exceptions >= 3);
    }

    [Fact]
    public void A_lost_port_is_reported_as_no_answer_and_reopened()
    {
        var (masterEnd, _) = InMemoryTransportPair.Create("unplugged");
        masterEnd.Close();
        masterEnd.OpenFailure = "/dev/ttyUSB0: no such serial port";
        using var master = new ModbusMaster(masterEnd, new ModbusRtuFramer(), new ModbusMasterOptions());
        var sink = new RecordingSink();
        var poller = new BusPoller("test", master, [PolledDevice.Create("cems", 1, _profile, Fast())], sink);

        RunFor(poller, until: () => !sink.Cycles.IsEmpty);

        var cycle = sink.Cycles.First();
        Assert.Equal(ModbusErrorKind.Transport, cycle.Error);
        Assert.Equal("/dev/ttyUSB0: no such serial port", poller.Health[0].LastError);
        Assert.False(poller.Health[0].IsDegraded);
    }

    [Fact]
    public void A_shorter_poll_interval_takes_effect_at_once_without_waiting_out_the_old_one()
    {
        var sink = new RecordingSink();
        var device = PolledDevice.Create("cems", 1, _profile, Fast() with { PollInterval = TimeSpan.FromSeconds(30) });
        var poller = new BusPoller("test", _line.Master, [device], sink);

        using var cancel = new CancellationTokenSource();
        var thread = poller.Start(cancel.Token);
        try
        {
            Assert.True(SpinWait.SpinUntil(() => sink.Cycles.Count == 1, TimeSpan.FromSeconds(5)), "no first cycle");
            Thread.Sleep(100);
            Assert.Single(sink.Cycles);   // the next one is 30 s away

            poller.SetPollInterval(TimeSpan.FromMilliseconds(20));

            Assert.Equal(TimeSpan.FromMilliseconds(20), poller.PollIntervalOf(0));
            Assert.True(SpinWait.SpinUntil(() => sink.Cycles.Count >= 6, TimeSpan.FromSeconds(5)), $"only {sink.Cycles.Count} cycles after the change");
        }
        finally
        {
            cancel.Cancel();
            thread.Join(TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public void A_longer_poll_interval_takes_effect_from_the_next_cycle()
    {
        var sink = new RecordingSink();
        var poller = new BusPoller("test", _line.Master, [PolledDevice.Create("cems", 1, _profile, Fast())], sink);

        using var cancel = new CancellationTokenSource();
        var thread = poller.Start(cancel.Token);
        try
        {
            Assert.True(SpinWait.SpinUntil(() => sink.Cycles.Count >= 3, TimeSpan.FromSeconds(5)), "not polling at 20 ms");
            poller.SetPollInterval(0, TimeSpan.FromSeconds(30));
            Thread.Sleep(100);   // at most the cycle already running when the change came
            var settled = sink.Cycles.Count;
            Thread.Sleep(400);

            Assert.Equal(settled, sink.Cycles.Count);
            Assert.Equal(TimeSpan.FromSeconds(30), poller.PollIntervalOf(0));
            Assert.Equal(TimeSpan.FromMilliseconds(20), poller.Devices[0].Settings.PollInterval);   // the configured value stays
        }
        finally
        {
            cancel.Cancel();
            thread.Join(TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public void Poll_intervals_can_be_set_from_many_threads_while_the_loop_runs()
    {
        _line.Units[2] = new ModbusSlaveMemory(registers: 200, bits: 16);
        var sink = new RecordingSink();
        var poller = new BusPoller("test", _line.Master, [PolledDevice.Create("a", 1, _profile, Fast()), PolledDevice.Create("b", 2, _profile, Fast())], sink);

        using var cancel = new CancellationTokenSource();
        var thread = poller.Start(cancel.Token);
        try
        {
            var setters = Enumerable.Range(0, 4).Select(worker => new Thread(() =>
            {
                for (var i = 0; i < 500; i++)
                {
                    var interval = TimeSpan.FromMilliseconds(1 + ((worker + i) % 50));
                    if (i % 2 == 0)
                    {
                        poller.SetPollInterval(interval);
                    }
                    else
                    {
                        poller.SetPollInterval(i % 4 == 1 ? 0 : 1, interval);
                    }
                }
            })).ToArray();
            foreach (var setter in setters)
            {
                setter.Start();
            }

            foreach (var setter in setters)
            {
                setter.Join();
            }

            poller.SetPollInterval(TimeSpan.FromMilliseconds(15));
            var before = sink.Cycles.Count;

            Assert.True(SpinWait.SpinUntil(() => sink.Of("a").Count() >= 5 && sink.Of("b").Count() >= 5 && sink.Cycles.Count >= before + 6, TimeSpan.FromSeconds(5)), "the loop stopped polling");
            Assert.Equal(TimeSpan.FromMilliseconds(15), poller.PollIntervalOf(0));
            Assert.Equal(TimeSpan.FromMilliseconds(15), poller.PollIntervalOf(1));
        }
        finally
        {
            cancel.Cancel();
            thread.Join(TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public void A_poll_interval_must_be_positive_and_name_a_device()
    {
        var poller = new BusPoller("test", _line.Master, [PolledDevice.Create("cems", 1, _profile, Fast())], new RecordingSink());

        Assert.Throws<ArgumentOutOfRangeException>(() => poller.SetPollInterval(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => poller.SetPollInterval(0, TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => poller.SetPollInterval(1, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => poller.PollIntervalOf(-1));
        Assert.Equal(TimeSpan.FromMilliseconds(20), poller.PollIntervalOf(0));
    }

    public void Dispose()
    {
        _line.Dispose();
    }

    private static DevicePollSettings Fast() => new()
    {
        PollInterval = TimeSpan.FromMilliseconds(20),
        Timeout = TimeSpan.FromMilliseconds(40),
        Retries = 0,
    };

    private static void RunFor(BusPoller poller, Func<bool> until)
    {
        using var cancel = new CancellationTokenSource();
        var thread = poller.Start(cancel.Token);
        try
        {
            Assert.True(SpinWait.SpinUntil(until, TimeSpan.FromSeconds(5)), "the poller produced nothing in 5 s");
        }
        finally
        {
            cancel.Cancel();
            thread.Join(TimeSpan.FromSeconds(5));
        }
    }

    private void SetFloat(ushort address, float value)
    {
        var registers = new ushort[2];
        ModbusValueCodec.Encode(value, ModbusDataType.F32, ModbusByteOrder.CDAB, registers);
        _analyzer.SetRegisters(ModbusTable.InputRegister, address, registers);
    }
}
