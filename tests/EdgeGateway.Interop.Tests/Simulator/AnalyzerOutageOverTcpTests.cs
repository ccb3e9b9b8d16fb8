using System.Collections.Concurrent;
using System.Text.Json;
using EdgeGateway.FieldBus.Polling;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Ring;
using EdgeGateway.Pipeline.Validation;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Simulator;
using EdgeGateway.Simulator.Serving;
using EdgeGateway.Storage;

namespace EdgeGateway.Interop.Tests.Simulator;

/// <summary>
/// Issue 14, defect 3 ("analyzer outages are silent"), end to end over a real socket: the bus poller and the reading
/// pipeline against our simulator on Modbus TCP, which is stopped for a while (the connection drops, then is refused)
/// and started again on the same port.
/// </summary>
public sealed class AnalyzerOutageOverTcpTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(2);

    private readonly ConcurrentQueue<GatewayEvent> _events = new();
    private readonly List<Reading> _readings = [];

    [Fact]
    public void Analyzer_outages_are_not_silent_over_Modbus_TCP_B_readings_at_every_poll_and_comm_loss_then_comm_restored()
    {
        var profile = ShippedProfiles.Load(ShippedProfiles.FlueGas);
        var analyzer = new SimulatedAnalyzer(profile);
        var server = SimulatorServer.Start("tcp://127.0.0.1:0", analyzer, 1);
        var endpoint = server.Endpoint;
        var device = PolledDevice.Create("cems", 1, profile, new DevicePollSettings
        {
            PollInterval = PollInterval,
            Timeout = TimeSpan.FromMilliseconds(300),
            Retries = 1,
            DegradeAfterFailedCycles = 3,
            ProbeInterval = ProbeInterval,
        });
        var channels = ChannelTable.ForDevices([device]);
        var ring = new MpscRing<Reading>(1 << 16);
        var sink = new ReadingPipelineSink(channels, new GatewayChannelStateHolder(new GatewayChannelState(channels.Count)), ring, new MonotonicGuardedClock());
        using var master = ModbusConnectionFactory.CreateMaster(endpoint, new ModbusMasterOptions());
        var poller = new BusPoller("cems-tcp", master, [device], sink, announce: _events.Enqueue, reopenMaxDelay: ProbeInterval);

        using var cancel = new CancellationTokenSource();
        var thread = poller.Start(cancel.Token);
        try
        {
            Assert.True(WaitFor(ring, () => _readings.Count(reading => reading.Flag == DataFlag.N) >= 3 * channels.Count), "the analyzer was never read");

            // The analyzer goes away: its connection drops, and reconnecting is refused.
            server.Dispose();
            var away = DateTimeOffset.UtcNow;
            Assert.True(WaitFor(ring, () => _events.Any(e => e.Kind == GatewayEventKind.CommunicationLoss)), "no comm-loss");
            Assert.True(WaitFor(ring, () => Polls(after: away).Count(poll => poll.All(reading => reading.Flag == DataFlag.B)) >= 20), "the outage's polls yielded no B readings");
            Assert.True(poller.Health[0].IsPortLost);

            using var back = SimulatorServer.Start($"tcp://127.0.0.1:{endpoint.Port}", analyzer, 1);
            var returned = DateTimeOffset.UtcNow;
            Assert.True(WaitFor(ring, () => _events.Any(e => e.Kind == GatewayEventKind.CommunicationRestored)), "no comm-restored");
            Assert.True(WaitFor(ring, () => Polls(after: returned).Count(poll => poll.All(reading => reading.Flag == DataFlag.N)) >= 3), "no normal readings after the analyzer came back");
            Assert.False(poller.Health[0].IsPortLost);
        }
        finally
        {
            cancel.Cancel();
            thread.Join(Generous);
            server.Dispose();
        }

        // One of each, in order, for the device, with the outage's numbers.
        Assert.Equal([GatewayEventKind.CommunicationLoss, GatewayEventKind.CommunicationRestored], _events.Select(e => e.Kind));
        Assert.All(_events, e => Assert.Equal("cems", e.Source));
        var loss = Detail(_events.First());
        var restored = Detail(_events.Last());
        Assert.Equal(("cems", "cems-tcp", 1, "portLost"), (loss.Device, loss.Bus, loss.Slave, loss.Reason));
        Assert.Equal(loss.Start, restored.Start);
        Assert.NotNull(restored.End);

        // Every poll of the outage is there, all B with the reason portLost: one reading per channel per poll, never
        // silence. A gap as long as the probe interval would be a device that was only probed, not polled.
        var outage = Polls(after: loss.Start.AddTicks(-1)).TakeWhile(poll => poll[0].Timestamp < restored.End).ToArray();
        Assert.Equal(restored.FailedPolls, outage.Length);
        Assert.Equal(restored.FlaggedReadings, outage.Sum(poll => poll.Length));
        Assert.All(outage, poll => Assert.All(poll, reading => Assert.Equal((DataFlag.B, FlagReason.PortLost), (reading.Flag, reading.Reason))));
        Assert.All(outage.Zip(outage.Skip(1)), pair => Assert.True(pair.Second[0].Timestamp - pair.First[0].Timestamp < ProbeInterval, $"no reading from {pair.First[0].Timestamp:O} to {pair.Second[0].Timestamp:O}"));
        Assert.True(restored.Probes < restored.FailedPolls, $"{restored.Probes} of {restored.FailedPolls} polls went to the port: the outage was not probed at the probe interval");
    }

    private static DeviceOutageDetail Detail(GatewayEvent gatewayEvent) =>
        JsonSerializer.Deserialize(gatewayEvent.DetailJson!, PollingJsonContext.Default.DeviceOutageDetail)!;

    // The polls since a time: the readings grouped by timestamp (one per channel per poll), in order.
    private IEnumerable<Reading[]> Polls(DateTimeOffset after) =>
        _readings.Where(reading => reading.Timestamp > after).GroupBy(reading => reading.TimestampTicks).OrderBy(poll => poll.Key).Select(poll => poll.ToArray());

    private bool WaitFor(MpscRing<Reading> ring, Func<bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow + Generous;
        while (true)
        {
            while (ring.TryRead(out var reading))
            {
                _readings.Add(reading);
            }

            if (condition())
            {
                return true;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                return false;
            }

            Thread.Sleep(50);
        }
    }
}
