using EdgeGateway.Hosting;
using EdgeGateway.Hosting.Health;

namespace EdgeGateway.Hardware;

/// <summary>
/// Reads what the status LEDs show from the running parts, cheaply enough for once a second: no database query.
/// The uplink counts as draining while the publisher keeps sending backlog messages (records stored while the link
/// was down); the outbox's backlog age is no signal for it, because aggregate records carry their window's start.
/// </summary>
internal sealed class StatusLedSignals(GatewayRuntime runtime, GatewayHealthProbe probe, IEnumerable<BusService> buses)
{
    private readonly BusService[] _buses = [.. buses];
    private readonly BacklogDrainWatch _drain = new();

    /// <summary>The state now; called from one thread (the cabinet loop).</summary>
    public StatusLedInputs Read(DateTimeOffset now)
    {
        var draining = _drain.IsDraining(runtime.Publisher.Statistics.BacklogMessages, now);
        var uplink = !runtime.Link.IsConnected ? UplinkCondition.Down : draining ? UplinkCondition.Draining : UplinkCondition.Connected;
        int devices = 0, answering = 0;
        foreach (var bus in _buses)
        {
            var alive = bus.IsAlive;
            foreach (var health in bus.Poller.Health)
            {
                devices++;
                if (alive && !health.IsDegraded && health.LastAnswer is not null)
                {
                    answering++;
                }
            }
        }

        var analyzers = answering == 0 ? BusCondition.NoneAnswering : answering == devices ? BusCondition.AllAnswering : BusCondition.SomeDegraded;
        return new StatusLedInputs(probe.Problem() is null, uplink, analyzers);
    }
}
