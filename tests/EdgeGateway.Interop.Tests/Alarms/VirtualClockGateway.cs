using EdgeGateway.Configuration;
using EdgeGateway.Hosting;
using EdgeGateway.Interop.Tests.Service;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Interop.Tests.Alarms;

/// <summary>
/// The service's own runtime, built from a gateway.json by its own loader, with its field side on a
/// <see cref="VirtualFieldClock"/>: the test plays hours of polling in seconds. The buses are stepped on the test's
/// thread instead of their own (<c>BusPoller.RunDueStep</c>); the consumer, the outbox, the publisher and the MQTT
/// link run as in the service, the uplink on real time.
/// </summary>
internal sealed class VirtualClockGateway : IAsyncDisposable
{
    private readonly Thread _consumer;
    private bool _stopped;

    private VirtualClockGateway(GatewayRuntime runtime, VirtualFieldClock clock)
    {
        Runtime = runtime;
        Clock = clock;
        _consumer = new Thread(runtime.Consumer.Run) { IsBackground = true, Name = "ring consumer (virtual clock)" };
        _consumer.Start();
        if (runtime.Commands is not null)
        {
            // As the uplink service does: mapped before the first connect, so the subscription is made with it.
            runtime.CommandResponder.Map(runtime.CommandResponder.CommandTopicFilter, runtime.Commands.HandleAsync);
        }

        runtime.Link.Start();
        runtime.Publisher.Start();
    }

    public GatewayRuntime Runtime { get; }

    public VirtualFieldClock Clock { get; }

    public static VirtualClockGateway Start(string configFile, VirtualFieldClock clock, string? profileDirectory = null)
    {
        var settings = GatewayConfigLoader.Load(configFile, "virtual-clock-test", [profileDirectory ?? GatewayBinary.ProfileDirectory], out var errors)
            ?? throw new InvalidOperationException("the test's gateway.json is refused:\n" + string.Join('\n', errors));
        return new VirtualClockGateway(new GatewayRuntime(settings, NullLoggerFactory.Instance, DateTimeOffset.UtcNow, clock), clock);
    }

    /// <summary>
    /// Plays <paramref name="duration"/> of field time: each step moves the clock, lets the field catch up
    /// (<paramref name="field"/>: the simulators rewrite their registers for the new time), runs every due poll and
    /// queued bus request (a sampler's command), then lets the consumer take every reading, so windows close in time
    /// order as they do in real time.
    /// </summary>
    public void Play(TimeSpan duration, TimeSpan step, Action<DateTimeOffset> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var end = Clock.GetUtcNow() + duration;
        while (Clock.GetUtcNow() < end)
        {
            Clock.Advance(step);
            field(Clock.GetUtcNow());
            foreach (var bus in Runtime.Buses)
            {
                while (bus.RunDueStep())
                {
                }
            }

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (Runtime.Ring.Count > 0)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"the consumer left {Runtime.Ring.Count} readings in the ring for 10 s at {Clock.GetUtcNow():O}");
                }

                Thread.Yield();
            }
        }
    }

    /// <summary>
    /// Serves the buses' queues (a platform command's or a technician's bus work) without moving the clock, until
    /// <paramref name="waiting"/> completes: the buses have no threads of their own here.
    /// </summary>
    public async Task<T> ServeBusesUntil<T>(Task<T> waiting)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        while (!waiting.IsCompleted)
        {
            foreach (var bus in Runtime.Buses)
            {
                while (bus.RunDueStep())
                {
                }
            }

            await Task.Delay(5);
        }

        return await waiting;
    }

    /// <summary>
    /// Stops as the service does on SIGTERM: the ring completed and drained, the open windows saved, the outbox made
    /// durable, the uplink flushed and closed. Once; <see cref="DisposeAsync"/> does it if the test has not.
    /// </summary>
    public Task StopAsync() => StopAsync(saveOpenWindows: true);

    /// <summary>
    /// As a kill -9 just after the last commit: everything stored reaches the platform, but the open windows are not
    /// saved, so the state file keeps what its last periodic save (once a minute) wrote.
    /// </summary>
    public Task StopAsKilledAsync() => StopAsync(saveOpenWindows: false);

    private async Task StopAsync(bool saveOpenWindows)
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        Runtime.Ring.Complete();
        _consumer.Join(TimeSpan.FromSeconds(15));
        if (saveOpenWindows)
        {
            Runtime.Aggregation.Save(Clock.GetUtcNow());
        }

        Runtime.Appender.MakeDurable();
        await Runtime.StopUplinkAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Runtime.DisposeAsync();
    }
}
