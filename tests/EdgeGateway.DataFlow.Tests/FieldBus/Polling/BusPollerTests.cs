using System.Collections.Concurrent;
using EdgeGateway.FieldBus.Polling;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Framing;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Slave;
using EdgeGateway.Modbus.Values;
using EdgeGateway.Testing.Modbus.Transport;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.DataFlow.Tests.FieldBus.Polling;

/// <summary>
/// The poll loop against a behavioural slave on an in-memory line, on a <see cref="FakeTimeProvider"/> stepped by the
/// test (<see cref="SteppedPolling"/>): the schedule runs on virtual time, the slave's answers and timeouts on real time.
/// </summary>
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

    // A quarter of the fastest poll interval: every cycle runs within 5 ms of virtual time of when it is due.
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(5);

    private readonly ModbusSlaveMemory _analyzer = new(registers: 200, bits: 16);
    private readonly InMemoryModbusLine _line = new();
    private readonly DeviceProfile _profile = DeviceProfileLoader.Parse(ProfileJson, "test-analyzer.json");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

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

        RunUntil(Poller([device], sink), () => !sink.Cycles.IsEmpty);

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
    public void Float32_noise_a_float_register_reads_as_123_456_not_123_45600128173828_and_a_scaled_7_as_0_7()
    {
        // Issue 17 item 8: 123.456f widened to double is 123.45600128173828, and 7 × 0.1 is 0.7000000000000001; both
        // went to platforms as such. The decoder gives the double nearest the shortest decimal form instead.
        SetFloat(0, 123.456f);
        _analyzer.SetRegisters(ModbusTable.InputRegister, 8, [7]);
        var sink = new RecordingSink();

        RunUntil(Poller([PolledDevice.Create("cems", 1, _profile, Fast())], sink), () => !sink.Cycles.IsEmpty);

        var (_, _, readings, _) = sink.Cycles.First();
        Assert.Equal("123.456", System.Text.Json.JsonSerializer.Serialize(readings[0].Value));
        Assert.Equal("123.456", System.Text.Json.JsonSerializer.Serialize(readings[0].Raw));
        Assert.Equal(123.456f, (float)readings[0].Value);
        Assert.Equal("0.7", System.Text.Json.JsonSerializer.Serialize(readings[2].Value));
    }

    [Fact]
    public void A_run_state_register_is_read_as_the_hj212_state_it_maps_to_and_an_unlisted_value_as_unknown()
    {
        var profile = DeviceProfileLoader.Parse(
            """
            {
              "model": "plant", "kind": "flue-gas",
              "channels": [
                { "id": "so2", "code": "a21026", "name": "SO2", "table": "holding", "address": 0, "type": "u16" },
                { "id": "desulfurizer", "code": "SB1", "name": "Desulfurizer", "table": "holding", "address": 1, "type": "u16", "runState": { "0": "off", "7": "running", "9": "blowBack" } },
                { "id": "dust-collector", "code": "SB2", "name": "Dust collector", "table": "holding", "address": 2, "type": "u16", "runState": { "0": "off", "1": "running" } }
              ]
            }
            """,
            "plant.json");
        _analyzer.SetRegisters(ModbusTable.HoldingRegister, 0, [40, 9, 5]);
        var sink = new RecordingSink();

        RunUntil(Poller([PolledDevice.Create("plant", 1, profile, Fast())], sink), () => !sink.Cycles.IsEmpty);

        var readings = sink.Cycles.First().Readings;
        Assert.Equal((ChannelReadOutcome.Ok, 40.0, 40.0), (readings[0].Outcome, readings[0].Raw, readings[0].Value));
        Assert.Equal((ChannelReadOutcome.Ok, 9.0, 5.0), (readings[1].Outcome, readings[1].Raw, readings[1].Value));
        Assert.Equal(ChannelReadOutcome.UnknownRunState, readings[2].Outcome);
        Assert.Equal(5.0, readings[2].Raw);
        Assert.True(double.IsNaN(readings[2].Value));
    }

    [Fact]
    public void A_dead_device_is_degraded_and_costs_the_healthy_one_almost_nothing_until_it_answers_again()
    {
        var sink = new RecordingSink();
        var healthy = PolledDevice.Create("healthy", 1, _profile, Fast());
        var dead = PolledDevice.Create("dead", 2, _profile, Fast() with { DegradeAfterFailedCycles = 2, ProbeInterval = TimeSpan.FromMilliseconds(400) });
        var poller = Poller([healthy, dead], sink);

        RunUntil(poller, () => poller.Health[1].IsDegraded);
        var deadTransactions = poller.Health[1].Transactions;
        var healthyCycles = poller.Health[0].Cycles;
        RunFor(poller, TimeSpan.FromMilliseconds(400));

        // While degraded (one probe per 400 ms), the dead device is tried at most twice in 400 ms; the healthy one
        // keeps its pace (20 cycles expected at 20 ms; 5 is the bound the test has always asserted).
        Assert.InRange(poller.Health[1].Transactions - deadTransactions, 0, 2);
        Assert.True(poller.Health[0].Cycles - healthyCycles >= 5, $"healthy device polled only {poller.Health[0].Cycles - healthyCycles} times in 400 ms");
        Assert.Equal(0, poller.Health[0].Timeouts);
        Assert.True(poller.Health[1].Timeouts >= 2);
        Assert.Contains("no answer from slave 2", poller.Health[1].LastError, StringComparison.Ordinal);
        Assert.All(sink.Of("dead"), cycle => Assert.All(cycle.Readings, reading => Assert.Equal(ChannelReadOutcome.NoAnswer, reading.Outcome)));

        // One request per cycle that asked the silent device: the rest of its plan is skipped.
        Assert.Equal(poller.Health[1].OutageProbes, poller.Health[1].Transactions);

        _line.Units[2] = new ModbusSlaveMemory(registers: 200, bits: 16);
        RunUntil(poller, () => !poller.Health[1].IsDegraded);
    }

    [Fact]
    public void An_exception_marks_only_the_refused_channels_and_counts_as_an_answer()
    {
        // The slave has no register 100: the status word's request is refused, the channels still arrive.
        _line.Units[3] = new ModbusSlaveMemory(registers: 50, bits: 16);
        var sink = new RecordingSink();
        var device = PolledDevice.Create("partial", 3, _profile, Fast());
        var poller = Poller([device], sink);

        RunUntil(poller, () => sink.Cycles.Count >= 3);

        Assert.All(sink.Cycles, cycle => Assert.Equal(ModbusErrorKind.Exception, cycle.Error));
        Assert.All(sink.Cycles, cycle => Assert.All(cycle.Readings, reading => Assert.Equal(ChannelReadOutcome.Ok, reading.Outcome)));
        Assert.False(poller.Health[0].IsDegraded);
        Assert.True(poller.Health[0].Exceptions >= 3);
    }

    [Fact]
    public void Egw_status_of_a_device_gone_behind_a_tcp_gateway_is_not_ok_when_the_gateway_answers_0B_for_it()
    {
        // Issue 17, item 6: a Modbus TCP gateway (or serial server) answers exception 0B "gateway target device failed to
        // respond" for a slave that is gone behind it. That counted as the device's answer: egw status showed it ok with
        // a fresh last answer and 0 timeouts, and its readings as refused, never degraded. Our slave server answers 0B
        // over TCP for a unit it does not serve, as such gateways do.
        var (masterEnd, slaveEnd) = InMemoryTransportPair.Create("tcp-gateway");
        using var stop = new CancellationTokenSource();
        var server = new ModbusSlaveServer(slaveEnd, new ModbusTcpFramer(), new Dictionary<byte, IModbusSlaveDevice> { [1] = _analyzer });
        var serving = new Thread(() => server.Run(stop.Token)) { IsBackground = true, Name = "tcp gateway" };
        serving.Start();
        using var master = new ModbusMaster(masterEnd, new ModbusTcpFramer(), new ModbusMasterOptions());
        var sink = new RecordingSink();
        var poller = new BusPoller("test", master, [PolledDevice.Create("gone", 7, _profile, Fast())], sink, time: _time);

        RunUntil(poller, () => poller.Health[0].IsDegraded);

        Assert.Null(poller.Health[0].LastAnswer);
        Assert.True(poller.Health[0].Exceptions > 0);
        Assert.Contains("gateway target device failed to respond", poller.Health[0].LastError, StringComparison.Ordinal);
        Assert.All(sink.Of("gone"), cycle => Assert.All(cycle.Readings, reading => Assert.Equal(ChannelReadOutcome.NoAnswer, reading.Outcome)));
        stop.Cancel();
        serving.Join(TimeSpan.FromSeconds(2));
        slaveEnd.Dispose();
    }

    [Fact]
    public void A_lost_port_is_reported_as_no_answer_and_reopened()
    {
        var (masterEnd, _) = InMemoryTransportPair.Create("unplugged");
        masterEnd.Close();
        masterEnd.OpenFailure = "/dev/ttyUSB0: no such serial port";
        using var master = new ModbusMaster(masterEnd, new ModbusRtuFramer(), new ModbusMasterOptions());
        var sink = new RecordingSink();
        var poller = new BusPoller("test", master, [PolledDevice.Create("cems", 1, _profile, Fast())], sink, time: _time);

        RunUntil(poller, () => !sink.Cycles.IsEmpty);

        var cycle = sink.Cycles.First();
        Assert.Equal(ModbusErrorKind.Transport, cycle.Error);
        Assert.Equal("/dev/ttyUSB0: no such serial port", poller.Health[0].LastError);
        Assert.False(poller.Health[0].IsDegraded);
    }

    [Fact]
    public void Egw_status_of_a_lost_port_shows_every_device_on_it_as_port_lost_with_transport_errors_and_the_ports_error()
    {
        // Issue 17, item 6: on a lost TCP port only the device whose poll reopened it counted a transport error and
        // had a last error; the other devices on the port showed 0 transport errors and no error in egw status.
        var (masterEnd, _) = InMemoryTransportPair.Create("tcp");
        masterEnd.Close();
        masterEnd.OpenFailure = "tcp://10.0.0.5:502: connection refused";
        using var master = new ModbusMaster(masterEnd, new ModbusRtuFramer(), new ModbusMasterOptions());
        var sink = new RecordingSink();
        var poller = new BusPoller("test", master, [PolledDevice.Create("cems", 1, _profile, Fast()), PolledDevice.Create("dust", 2, _profile, Fast())], sink, time: _time);

        RunUntil(poller, () => sink.Of("cems").Count() >= 3 && sink.Of("dust").Count() >= 3);

        Assert.All(poller.Health, health =>
        {
            Assert.True(health.IsPortLost, health.DeviceName);
            Assert.True(health.TransportErrors > 0, $"{health.DeviceName}: 0 transport errors");
            Assert.Equal(ModbusErrorKind.Transport, health.LastErrorKind);
            Assert.Equal("tcp://10.0.0.5:502: connection refused", health.LastError);
        });
        Assert.All(sink.Of("dust"), cycle => Assert.All(cycle.Readings, reading => Assert.Equal(ChannelReadOutcome.PortLost, reading.Outcome)));
    }

    [Fact]
    public void A_shorter_poll_interval_takes_effect_at_once_without_waiting_out_the_old_one()
    {
        var sink = new RecordingSink();
        var device = PolledDevice.Create("cems", 1, _profile, Fast() with { PollInterval = TimeSpan.FromSeconds(30) });
        var poller = Poller([device], sink);

        RunUntil(poller, () => sink.Cycles.Count == 1);
        RunFor(poller, TimeSpan.FromMilliseconds(100));
        Assert.Single(sink.Cycles);   // the next one is 30 s away

        poller.SetPollInterval(TimeSpan.FromMilliseconds(20));

        Assert.Equal(TimeSpan.FromMilliseconds(20), poller.PollIntervalOf(0));
        RunUntil(poller, () => sink.Cycles.Count >= 6);   // within 5 s of virtual time, not the old 30 s
    }

    [Fact]
    public void A_longer_poll_interval_takes_effect_from_the_next_cycle()
    {
        var sink = new RecordingSink();
        var poller = Poller([PolledDevice.Create("cems", 1, _profile, Fast())], sink);

        RunUntil(poller, () => sink.Cycles.Count >= 3);
        poller.SetPollInterval(0, TimeSpan.FromSeconds(30));
        RunFor(poller, TimeSpan.FromMilliseconds(100));   // at most the cycle already due when the change came
        var settled = sink.Cycles.Count;
        RunFor(poller, TimeSpan.FromMilliseconds(400));

        Assert.Equal(settled, sink.Cycles.Count);
        Assert.Equal(TimeSpan.FromSeconds(30), poller.PollIntervalOf(0));
        Assert.Equal(TimeSpan.FromMilliseconds(20), poller.Devices[0].Settings.PollInterval);   // the configured value stays
    }

    [Fact]
    public void Poll_intervals_can_be_set_from_many_threads_while_the_loop_runs()
    {
        _line.Units[2] = new ModbusSlaveMemory(registers: 200, bits: 16);
        var sink = new RecordingSink();
        var poller = Poller([PolledDevice.Create("a", 1, _profile, Fast()), PolledDevice.Create("b", 2, _profile, Fast())], sink);

        // The loop: a thread of its own that steps the virtual clock, racing the setters.
        using var stop = new CancellationTokenSource();
        var loop = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                SteppedPolling.RunDue(poller);
                _time.Advance(Step);
            }
        })
        { IsBackground = true, Name = "stepped bus loop" };
        loop.Start();
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

        }
        finally
        {
            stop.Cancel();
            Assert.True(loop.Join(TimeSpan.FromSeconds(5)), "the stepped bus loop did not stop");
        }

        poller.SetPollInterval(TimeSpan.FromMilliseconds(15));
        var before = sink.Cycles.Count;

        RunUntil(poller, () => sink.Of("a").Count() >= 5 && sink.Of("b").Count() >= 5 && sink.Cycles.Count >= before + 6);
        Assert.Equal(TimeSpan.FromMilliseconds(15), poller.PollIntervalOf(0));
        Assert.Equal(TimeSpan.FromMilliseconds(15), poller.PollIntervalOf(1));
    }

    [Fact]
    public void Stepped_by_a_driver_on_a_clock_whose_timestamps_do_not_start_at_zero_the_first_poll_comes_once_not_twice()
    {
        // The schedule started at timestamp 0 until Run filled it: a driver of RunDueStep on a clock counting from its
        // epoch (FakeTimeProvider, the service's virtual field clock) got two cycles at the first instant.
        var sink = new RecordingSink();
        var start = _time.GetUtcNow();
        var poller = Poller([PolledDevice.Create("cems", 1, _profile, Fast() with { PollInterval = TimeSpan.FromSeconds(1) })], sink);

        RunFor(poller, TimeSpan.FromSeconds(3));

        Assert.Equal([start, start.AddSeconds(1), start.AddSeconds(2)], sink.Cycles.Select(cycle => cycle.Timestamp));
    }

    [Fact]
    public void A_poll_interval_must_be_positive_and_name_a_device()
    {
        var poller = Poller([PolledDevice.Create("cems", 1, _profile, Fast())], new RecordingSink());

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

    private BusPoller Poller(IReadOnlyList<PolledDevice> devices, RecordingSink sink) => new("test", _line.Master, devices, sink, time: _time);

    private void RunFor(BusPoller poller, TimeSpan duration) => SteppedPolling.RunFor(poller, _time, duration, Step);

    // Five seconds of virtual time: what the wall-clock version of these tests waited at most.
    private void RunUntil(BusPoller poller, Func<bool> condition) => SteppedPolling.RunUntil(poller, _time, condition, TimeSpan.FromSeconds(5), Step);

    private void SetFloat(ushort address, float value)
    {
        var registers = new ushort[2];
        ModbusValueCodec.Encode(value, ModbusDataType.F32, ModbusByteOrder.CDAB, registers);
        _analyzer.SetRegisters(ModbusTable.InputRegister, address, registers);
    }
}
