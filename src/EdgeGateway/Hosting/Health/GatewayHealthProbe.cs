using EdgeGateway.Hardware;
using EdgeGateway.Storage;
using EdgeGateway.Uplink.Commands;

namespace EdgeGateway.Hosting.Health;

/// <summary>Collects a <see cref="GatewayHealth"/> from the running parts; also the watchdog's notion of healthy.</summary>
/// <param name="door">The door switch's monitor; null when no door switch is configured.</param>
internal sealed class GatewayHealthProbe(GatewayRuntime runtime, PipelineService pipeline, IEnumerable<BusService> buses, CabinetDoorMonitor? door = null)
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
        var backlog = runtime.Outbox.GetBacklog(OutboxDestinations.Mqtt);
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
            Storage(),
            new UplinkHealth(runtime.Link.Broker.ToString(), runtime.Link.State.ToString(), runtime.Link.IsConnected, link.Connects, backlog.UnacknowledgedCount, Math.Round(backlog.Age(now).TotalSeconds, 1), published.MessagesAcknowledged, published.MessagesFailed),
            // Whether NTP (or timesyncd) keeps the clock, and the RTC: readings are stamped with it, so a technician must see it.
            runtime.Clock.Probe(),
            door?.Health);
    }

    // Storage trouble is reported, not unhealthy: the watchdog would restart the service and lose the held readings.
    private StorageHealth Storage()
    {
        var outbox = runtime.Outbox;
        var statistics = outbox.Statistics;
        var appender = runtime.Appender.Statistics;
        var files = runtime.StateFiles.Statuses();
        var problems = new List<string>();
        if (outbox.OpenProblem is { } notOpen)
        {
            problems.Add($"the outbox cannot be opened ({notOpen}); {appender.ReadingsHeld} readings held in memory, tried again every {DeferredSqliteOutbox.OpenRetryInterval.TotalSeconds:0} s");
        }
        else if (appender.StorageFailing)
        {
            problems.Add($"the outbox refuses appends ({appender.LastFailure}); {appender.ReadingsHeld} readings held in memory, {appender.ReadingsLost} lost");
        }

        problems.AddRange(files.Where(file => file.Pending).Select(file => $"{Path.GetFileName(file.Path)} not saved ({file.LastError}), tried again"));
        return new StorageHealth(
            outbox.Path,
            outbox.MeasureUsedBytes(),
            runtime.Settings.Outbox.MaxBytes,
            outbox.LastSequence,
            outbox.AcknowledgedPrefix,
            statistics.EvictedUnacknowledged,
            statistics.FailedAppends + outbox.FailedOpens,
            statistics.LastFailure ?? outbox.OpenProblem,
            outbox.Current is not null && !appender.StorageFailing,
            problems.Count == 0 ? null : string.Join("; ", problems),
            appender.ReadingsHeld,
            appender.ReadingsLost,
            files.Sum(file => file.Failures),
            files);
    }
}
