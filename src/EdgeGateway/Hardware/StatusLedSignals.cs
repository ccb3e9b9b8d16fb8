using EdgeGateway.Hosting;
using EdgeGateway.Hosting.Health;

namespace EdgeGateway.Hardware;

/// <summary>
/// Reads what the status LEDs show from the running parts, cheaply enough for once a second: no database query.
/// The uplink counts as draining while the publisher keeps sending backlog messages (records stored while the link
/// was down); the outbox's backlog age is no signal for it, because aggregate records carry their window's start.
/// </summary>
public sealed class StatusLedSignals(GatewayRuntime runtime, GatewayHealthProbe probe, IEnumerable<BusService> buses)
{
    /// <summary>How long after the last backlog message the uplink still counts as draining (the backlog is rate-limited).</summary>
    public static readonly TimeSpan DrainingHold = TimeSpan.FromSeconds(5);

    private readonly BusService[] _buses = [.. buses];
    private long _backlogMessages = -1;
    private DateTimeOffset _lastBacklogMessage = DateTimeOffset.MinValue;

    /// <summary>The state now; called from one thread (the cabinet loop).</summary>
    public StatusLedInputs Read(DateTimeOffset now)
    {
        var backlogMessages = runtime.Publisher.Statistics.BacklogMessages;
        if (_backlogMessages >= 0 && backlogMessages != _backlogMessages)
        {
            _lastBacklogMessage = now;
        }

        _backlogMessages = backlogMessages;
        var uplink = !runtime.Link.IsConnected ? UplinkCondition.Down
            : now - _lastBacklogMessage < DrainingHold ? UplinkCondition.Draining
            : UplinkCondition.Connected;
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
