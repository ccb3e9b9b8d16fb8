using System.Text.Json;
using EdgeGateway.FieldBus.Polling;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Slave;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;
using EdgeGateway.Testing.Modbus.Transport;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.DataFlow.Tests.FieldBus.Polling;

/// <summary>
/// Analyzer and port outages (issue 14, defect 3: "analyzer outages are silent"), on a stepped clock: the loop's
/// schedule runs on virtual time, only the slave's answers (and timeouts) take real milliseconds.
/// </summary>
public sealed class BusPollerOutageTests : IDisposable
{
    private const string ProfileJson = """
        {
          "model": "outage-test-analyzer",
          "manufacturer": "test",
          "description": "three floats",
          "kind": "flue-gas",
          "defaults": { "byteOrder": "CDAB" },
          "channels": [
            { "id": "so2", "code": "a21026", "name": "SO2", "unit": "mg/m3", "table": "input", "address": 0, "type": "f32" },
            { "id": "nox", "code": "a21002", "name": "NOx", "unit": "mg/m3", "table": "input", "address": 2, "type": "f32" },
            { "id": "o2", "code": "a19001", "name": "O2", "unit": "%", "table": "input", "address": 4, "type": "f32" }
          ]
        }
        """;

    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    private readonly InMemoryModbusLine _line = new();
    private readonly DeviceProfile _profile = DeviceProfileLoader.Parse(ProfileJson, "outage-test-analyzer.json");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly RecordingSink _sink = new();
    private readonly List<GatewayEvent> _events = [];

    public BusPollerOutageTests()
    {
        _line.Units[1] = new ModbusSlaveMemory(registers: 16, bits: 0);
        _line.Units[2] = new ModbusSlaveMemory(registers: 16, bits: 0);
    }

    [Fact]
    public void Analyzer_outages_are_not_silent_every_poll_yields_B_and_comm_loss_and_comm_restored_come_once_each()
    {
        var poller = Poller(Device("cems", 1));

        RunFor(poller, TimeSpan.FromSeconds(5));
        var analyzer = _line.Units[1];
        _line.Units.TryRemove(1, out _);
        var outageStart = _time.GetUtcNow();
        RunFor(poller, TimeSpan.FromSeconds(30));
        _line.Units[1] = analyzer;
        var back = _time.GetUtcNow();
        RunUntil(poller, () => !poller.Health[0].IsDegraded, TimeSpan.FromSeconds(30));
        var recovered = _time.GetUtcNow();
        RunFor(poller, TimeSpan.FromSeconds(3));

        // One poll per second all along: the platform never sees silence.
        var cycles = _sink.Of("cems").ToArray();
        Assert.All(cycles.Zip(cycles.Skip(1)), pair => Assert.Equal(TimeSpan.FromSeconds(1), pair.Second.Timestamp - pair.First.Timestamp));
        var during = cycles.Where(cycle => cycle.Timestamp >= outageStart && cycle.Timestamp < back).ToArray();
        Assert.Equal(30, during.Length);
        Assert.All(during, cycle => Assert.All(cycle.Readings, reading => Assert.Equal(ChannelReadOutcome.NoAnswer, reading.Outcome)));
        Assert.All(cycles.Where(cycle => cycle.Timestamp >= recovered), cycle => Assert.All(cycle.Readings, reading => Assert.Equal(ChannelReadOutcome.Ok, reading.Outcome)));

        // Back within one probe interval (10 s) and one poll of the analyzer answering again.
        Assert.InRange(recovered - back, TimeSpan.Zero, TimeSpan.FromSeconds(11));

        Assert.Collection(
            _events,
            loss =>
            {
                Assert.Equal(GatewayEventKind.CommunicationLoss, loss.Kind);
                Assert.Equal("cems", loss.Source);
                var detail = Detail(loss);
                Assert.Equal(("cems", "test", 1, "noAnswer"), (detail.Device, detail.Bus, detail.Slave, detail.Reason));
                Assert.Equal(outageStart, detail.Start);
                Assert.Null(detail.End);
                Assert.Equal(3, detail.FailedPolls);
                Assert.Equal(9, detail.FlaggedReadings);
            },
            restored =>
            {
                Assert.Equal(GatewayEventKind.CommunicationRestored, restored.Kind);
                var detail = Detail(restored);
                Assert.Equal(outageStart, detail.Start);
                Assert.Equal(recovered, detail.End);
                Assert.Equal(restored.Time, detail.End);
                Assert.Equal((recovered - outageStart).TotalSeconds, detail.DurationSeconds);
                var failed = cycles.Count(cycle => cycle.Timestamp >= outageStart && cycle.Timestamp < recovered);
                Assert.Equal(failed, detail.FailedPolls);
                Assert.Equal(failed * 3, detail.FlaggedReadings);

                // Asked at each of the first three polls, then once per probe interval.
                Assert.InRange(detail.Probes, 3, 3 + ((recovered - outageStart).TotalSeconds / 10) + 1);
            });
    }

    [Fact]
    public void Analyzer_outage_costs_the_other_devices_on_the_bus_at_most_one_timeout_per_probe_interval()
    {
        // Retries 2: a normal cycle of a silent device costs three timeouts; a probe must cost one.
        var poller = Poller(Device("healthy", 1), Device("dead", 3) with { Settings = Settings() with { Retries = 2 } });

        RunUntil(poller, () => poller.Health[1].IsDegraded, TimeSpan.FromSeconds(10));
        var degradedAt = _time.GetUtcNow();
        var timeouts = poller.Health[1].Timeouts;
        var healthyCycles = poller.Health[0].Cycles;
        RunFor(poller, TimeSpan.FromSeconds(60));

        // The polls after the one that declared the outage: one a second for each device, the dead one's all B.
        var deadPolls = _sink.Of("dead").Where(cycle => cycle.Timestamp > degradedAt).ToArray();
        Assert.Equal(59, deadPolls.Length);
        Assert.All(deadPolls, cycle => Assert.All(cycle.Readings, reading => Assert.Equal(ChannelReadOutcome.NoAnswer, reading.Outcome)));
        Assert.Equal(59, poller.Health[0].Cycles - healthyCycles);
        Assert.Equal(0, poller.Health[0].Timeouts);
        Assert.InRange(poller.Health[1].Timeouts - timeouts, 5, 7);   // 60 s at one single-try probe per 10 s
        Assert.Equal(GatewayEventKind.CommunicationLoss, Assert.Single(_events).Kind);
    }

    [Fact]
    public void A_lost_port_yields_portLost_B_readings_at_every_poll_is_reopened_within_the_capped_back_off_and_shows_in_the_health()
    {
        var poller = Poller(Device("cems", 1), Device("water", 2));
        var port = (InMemoryTransport)_line.Master.Transport;

        RunFor(poller, TimeSpan.FromSeconds(3));
        port.OpenFailure = "/dev/ttyUSB0: no such serial port";
        port.Close();
        var lost = _time.GetUtcNow();
        RunFor(poller, TimeSpan.FromSeconds(60));

        Assert.All(poller.Health, health => Assert.True(health.IsPortLost));
        Assert.All(poller.Health, health => Assert.True(health.IsDegraded));
        Assert.All(poller.Health, health => Assert.Equal(lost, health.OutageStart));
        var during = _sink.Cycles.Where(cycle => cycle.Timestamp >= lost).ToArray();
        Assert.Equal(120, during.Length);
        Assert.All(during, cycle => Assert.All(cycle.Readings, reading => Assert.Equal(ChannelReadOutcome.PortLost, reading.Outcome)));

        // Reopen tries after 1, 2, 4, 8, then every 10 s (the cap): no more than about 60 / 10 + 4 + 1 in 60 s.
        Assert.InRange(poller.Health.Sum(health => health.OutageProbes), 8, 11);

        port.OpenFailure = null;
        var back = _time.GetUtcNow();
        RunUntil(poller, () => poller.Health.All(health => !health.IsDegraded), TimeSpan.FromSeconds(30));

        Assert.InRange(_time.GetUtcNow() - back, TimeSpan.Zero, TimeSpan.FromSeconds(11));
        Assert.All(poller.Health, health => Assert.False(health.IsPortLost));
        Assert.Equal(
            ["comm-loss cems portLost", "comm-loss water portLost", "comm-restored cems portLost", "comm-restored water portLost"],
            _events.Select(e => $"{e.Kind.ToWireName()} {e.Source} {Detail(e).Reason}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_blip_shorter_than_the_failed_cycle_window_sends_no_event_but_still_flags_its_polls_B()
    {
        var poller = Poller(Device("cems", 1));
        RunFor(poller, TimeSpan.FromSeconds(2));
        var analyzer = _line.Units[1];
        _line.Units.TryRemove(1, out _);
        RunFor(poller, TimeSpan.FromSeconds(2));
        _line.Units[1] = analyzer;
        RunFor(poller, TimeSpan.FromSeconds(2));

        Assert.Empty(_events);
        Assert.Equal(2, _sink.Of("cems").Count(cycle => cycle.Readings.All(reading => reading.Outcome == ChannelReadOutcome.NoAnswer)));
    }

    public void Dispose() => _line.Dispose();

    private static DeviceOutageDetail Detail(GatewayEvent gatewayEvent) =>
        JsonSerializer.Deserialize(gatewayEvent.DetailJson!, PollingJsonContext.Default.DeviceOutageDetail)!;

    private static DevicePollSettings Settings() => new()
    {
        PollInterval = TimeSpan.FromSeconds(1),
        Timeout = TimeSpan.FromMilliseconds(30),
        Retries = 1,
        DegradeAfterFailedCycles = 3,
        ProbeInterval = TimeSpan.FromSeconds(10),
    };

    private PolledDevice Device(string name, byte unitId) => PolledDevice.Create(name, unitId, _profile, Settings());

    private BusPoller Poller(params PolledDevice[] devices) =>
        new("test", _line.Master, devices, _sink, time: _time, announce: _events.Add, reopenMaxDelay: TimeSpan.FromSeconds(10));

    private void RunFor(BusPoller poller, TimeSpan duration) => SteppedPolling.RunFor(poller, _time, duration, Step);

    private void RunUntil(BusPoller poller, Func<bool> condition, TimeSpan limit) => SteppedPolling.RunUntil(poller, _time, condition, limit, Step);
}
