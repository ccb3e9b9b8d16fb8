using EdgeGateway.Core.Uplink.Commands;
using EdgeGateway.Hardware;

namespace EdgeGateway.Hosting.Health;

/// <summary>Collects a <see cref="GatewayHealth"/> from the running parts; also the watchdog's notion of healthy.</summary>
/// <param name="door">The door switch's monitor; null when no door switch is configured.</param>
public sealed class GatewayHealthProbe(GatewayRuntime runtime, PipelineService pipeline, IEnumerable<BusService> buses, CabinetDoorMonitor? door = null)
{
    /// <summary>The consumer ticks every second; a beat older than this means it is stuck.</summary>
    public static readonly TimeSpan ConsumerStaleAfter = TimeSpan.FromSeconds(10);

    /// <summary>What is dead or stuck, or null when every loop runs.</summary>
    public string? Problem()
    {
        if (!pipeline.IsAlive)
        {
            return "the ring consumer is not running";
        }

        var age = DateTimeOffset.UtcNow - runtime.Heartbeat.LastBeat;
        if (age > ConsumerStaleAfter)
        {
            return $"the ring consumer has not gone round its loop for {age.TotalSeconds:0} s";
        }

        var dead = buses.FirstOrDefault(bus => !bus.IsAlive);
        return dead is null ? null : $"the poll loop of bus {dead.Poller.Name} is not running";
    }

    public GatewayHealth Collect()
    {
        var now = DateTimeOffset.UtcNow;
        var problem = Problem();
        var settings = runtime.Settings;
        var outbox = runtime.Outbox;
        var outboxStatistics = outbox.Statistics;
        var backlog = outbox.GetBacklog();
        var link = runtime.Link.Statistics;
        var published = runtime.Publisher.Statistics;
        return new GatewayHealth(
            now,
            Math.Round((now - runtime.StartedAt).TotalSeconds, 1),
            problem is null,
            problem,
            [.. buses.Select(bus => new BusHealth(
                bus.Poller.Name,
                settings.Buses.First(candidate => candidate.Name == bus.Poller.Name).Endpoint.ToString(),
                bus.IsAlive,
                bus.Restarts,
                [.. bus.Poller.Devices.Zip(bus.Poller.Health, (device, health) => new DeviceHealthSummary(
                    device.Name,
                    device.UnitId,
                    device.Profile.Model,
                    health.IsDegraded,
                    health.LastAnswer,
                    health.Cycles,
                    health.FailedCycles,
                    health.Timeouts,
                    health.CrcErrors,
                    health.Exceptions,
                    health.TransportErrors,
                    health.LastError,
                    health.IsPortLost,
                    health.OutageStart))]))],
            new PipelineHealth(pipeline.IsAlive, runtime.Consumer.Consumed, runtime.Ring.Rejected, settings.Channels.Count),
            new StorageHealth(outbox.Path, outbox.MeasureUsedBytes(), settings.Outbox.MaxBytes, outbox.LastSequence, outbox.AcknowledgedPrefix, outboxStatistics.EvictedUnacknowledged, outboxStatistics.FailedAppends, outboxStatistics.LastFailure),
            new UplinkHealth(runtime.Link.Broker.ToString(), runtime.Link.State.ToString(), runtime.Link.IsConnected, link.Connects, backlog.UnacknowledgedCount, Math.Round(backlog.Age(now).TotalSeconds, 1), published.MessagesAcknowledged, published.MessagesFailed),
            // Whether NTP (or timesyncd) keeps the clock, and the RTC: readings are stamped with it, so a technician must see it.
            runtime.Clock.Probe(),
            door?.Health);
    }
}
