using EdgeGateway.Core.Aggregation;
using EdgeGateway.Core.FieldBus.Polling;
using EdgeGateway.Core.FieldBus.Profiles;
using EdgeGateway.Core.Pipeline;
using EdgeGateway.Core.Pipeline.Ring;
using EdgeGateway.Core.Pipeline.Validation;
using EdgeGateway.Core.Storage;
using EdgeGateway.Core.Uplink;
using EdgeGateway.Core.Uplink.Contract;
using EdgeGateway.Core.Uplink.Mqtt;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Simulator;
using EdgeGateway.Simulator.Faults;
using EdgeGateway.Simulator.Serving;

namespace EdgeGateway.Demo;

/// <summary>
/// The embedded default: simulated analyzers on loopback (a flue-gas outlet on Modbus TCP, a wastewater outlet on
/// RTU over TCP, with an occasional fault) polled by the gateway, flagged, passed through the ring, aggregated,
/// stored in a durable outbox in a temporary directory and published over MQTT to an embedded broker, where a
/// subscriber prints what the platform receives. The service host with its configuration is issue #5.
/// </summary>
internal static class DemoRunner
{
    public static int Run(TextWriter output, TextWriter error, CancellationToken stop)
    {
        var directory = ProfileDirectory.Find();
        if (directory is null)
        {
            error.WriteLine("edge-gateway: no device profiles found (looked next to the binary, in /usr/share/edge-gateway/profiles and in ./hardware/profiles)");
            return 1;
        }

        var profiles = DeviceProfileLoader.LoadDirectory(directory);
        var cems = profiles.First(profile => profile.Kind == DeviceKind.FlueGas);
        var dust = profiles.First(profile => profile.Kind == DeviceKind.ParticulateFlow);
        var water = profiles.First(profile => profile.Kind == DeviceKind.Wastewater);
        var faults = new SimulatedFaults(FaultRates.Light, seed: Environment.ProcessId);

        using var flueGasOutlet = SimulatorServer.Start(
            ModbusEndpoint.Parse("tcp://127.0.0.1:0"),
            new Dictionary<byte, SimulatedAnalyzer> { [1] = new(cems), [2] = new(dust) },
            new SimulatorServerOptions { Faults = faults });
        using var wastewaterOutlet = SimulatorServer.Start(
            ModbusEndpoint.Parse("rtu+tcp://127.0.0.1:0"),
            new Dictionary<byte, SimulatedAnalyzer> { [5] = new(water) },
            new SimulatorServerOptions { Faults = faults });

        var pollInterval = TimeSpan.FromSeconds(1);
        var settings = new DevicePollSettings { PollInterval = pollInterval, Timeout = TimeSpan.FromMilliseconds(300) };
        PolledDevice[] flueGasDevices = [PolledDevice.Create("cems", 1, cems, settings), PolledDevice.Create("dust", 2, dust, settings)];
        PolledDevice[] wastewaterDevices = [PolledDevice.Create("water", 5, water, settings)];
        var channels = ChannelTable.ForDevices([.. flueGasDevices, .. wastewaterDevices]);

        output.WriteLine($"edge-gateway demo: simulated flue-gas outlet on {flueGasOutlet.Endpoint} (slave 1 {cems.Model}, slave 2 {dust.Model})");
        output.WriteLine($"edge-gateway demo: simulated wastewater outlet on {wastewaterOutlet.Endpoint} (slave 5 {water.Model})");
        var dataDirectory = Directory.CreateTempSubdirectory("edge-gateway-demo-").FullName;
        using var broker = EmbeddedBroker.Start();
        const string gatewayId = "demo";
        output.WriteLine($"edge-gateway demo: data in {dataDirectory}; embedded MQTT broker on mqtt://127.0.0.1:{broker.Port}, topics egw/{gatewayId}/#");
        output.WriteLine("edge-gateway demo: polling every second; below is what the platform receives. Ctrl+C stops.");

        using var outbox = SqliteOutbox.Open(new SqliteOutboxOptions { Path = Path.Combine(dataDirectory, "outbox.db") });
        var appender = new OutboxAppender(outbox);
        using var ring = new MpscRing<Reading>(4096);
        ring.Overflowed += total => appender.EnqueueEvent(new GatewayEvent(DateTimeOffset.UtcNow, GatewayEventKind.BufferOverflow, "ring", $"ring full: {total} readings refused so far"));
        var aggregation = new AggregationStage(new Aggregator(Outlets(channels, pollInterval), channels), appender.EnqueueAggregates, stateFile: null, DateTimeOffset.UtcNow);
        var latest = new LatestReadings(channels.Count);
        var consumer = new ReadingConsumer(ring, [latest, aggregation, appender]);

        var platform = PlatformView.StartAsync(broker.Port, $"egw/{gatewayId}", output).GetAwaiter().GetResult();
        var link = new MqttLink(new MqttLinkOptions { GatewayId = gatewayId, Host = "127.0.0.1", Port = broker.Port, SoftwareVersion = "demo", StartedAt = DateTimeOffset.UtcNow });
        link.Start();
        var publisher = new OutboxPublisher(outbox, new UplinkMessageEncoder(gatewayId, outbox.StoreId, channels), new MqttMessagePublisher(link));
        publisher.Start();
        var sink = new ReadingPipelineSink(channels, new GatewayChannelStateHolder(new GatewayChannelState(channels.Count)), ring, new MonotonicGuardedClock());

        BusPoller[] buses =
        [
            new("flue-gas", ModbusConnectionFactory.CreateMaster(flueGasOutlet.Endpoint, new ModbusMasterOptions()), flueGasDevices, sink),
            new("wastewater", ModbusConnectionFactory.CreateMaster(wastewaterOutlet.Endpoint, new ModbusMasterOptions()), wastewaterDevices, sink),
        ];
        foreach (var bus in buses)
        {
            foreach (var device in bus.Devices)
            {
                output.WriteLine($"edge-gateway demo: bus {bus.Name}, {device.Name}: {device.Plan.Summary}");
            }
        }

        var consumerThread = consumer.Start();
        var busThreads = buses.Select(bus => bus.Start(stop)).ToArray();
        stop.WaitHandle.WaitOne();

        // Graceful stop: the buses stop producing, then the ring is completed and the consumer drains what is left.
        foreach (var thread in busThreads)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }

        ring.Complete();
        consumerThread.Join(TimeSpan.FromSeconds(5));
        publisher.DisposeAsync().AsTask().GetAwaiter().GetResult();
        link.DisposeAsync().AsTask().GetAwaiter().GetResult();
        platform.DisposeAsync().AsTask().GetAwaiter().GetResult();
        foreach (var bus in buses)
        {
            foreach (var health in bus.Health)
            {
                output.WriteLine($"edge-gateway demo: {health.DeviceName}: {health.Cycles} cycles, {health.Transactions} transactions, {health.Timeouts} timeouts, {health.CrcErrors} CRC errors, {health.Exceptions} exceptions");
            }
        }

        var published = publisher.Statistics;
        output.WriteLine($"edge-gateway demo: {consumer.Consumed} readings consumed, {ring.Rejected} refused; outbox up to sequence {outbox.LastSequence}, acknowledged prefix {outbox.AcknowledgedPrefix}; {published.MessagesAcknowledged} messages ({published.RecordsAcknowledged} records) acknowledged by the broker, {published.MessagesFailed} failed");
        output.WriteLine($"edge-gateway demo: stopped (data left in {dataDirectory})");
        return 0;
    }

    private static AggregationSettings Outlets(ChannelTable channels, TimeSpan pollInterval)
    {
        int Index(string key) => channels.TryFind(key, out var channel) ? channel.Index : throw new InvalidOperationException($"no channel {key}");
        return new AggregationSettings
        {
            Outlets =
            [
                new OutletRules
                {
                    Name = "flue-gas",
                    Kind = OutletKind.FlueGas,
                    Channels = [.. channels.Channels.Where(channel => channel.Device is "cems" or "dust").Select(channel => channel.Index)],
                    OxygenChannel = Index("cems.o2"),
                    ReferenceOxygenPercent = 6,
                    FlowChannel = Index("cems.flow"),
                    PollInterval = pollInterval,
                    PairingTolerance = pollInterval,
                },
                new OutletRules
                {
                    Name = "wastewater",
                    Kind = OutletKind.Wastewater,
                    Channels = [.. channels.Channels.Where(channel => channel.Device == "water").Select(channel => channel.Index)],
                    FlowChannel = Index("water.flow"),
                    PollInterval = pollInterval,
                },
            ],
        };
    }
}
