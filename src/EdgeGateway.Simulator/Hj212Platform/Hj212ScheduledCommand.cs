using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Simulator.Hj212Platform;

/// <summary>
/// A host command the platform simulator sends by itself to every logger that connects: first
/// <see cref="Delay"/> after the connection is accepted, then every <see cref="Interval"/> while it stays open.
/// 2012 and 2022 go as notifications (answered 9013), everything else as a request (9011, data, 9012).
/// </summary>
public sealed record Hj212ScheduledCommand
{
    /// <summary>Time from the connection's acceptance to the first send.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Time between sends after the first; null sends once.</summary>
    public TimeSpan? Interval { get; init; }

    /// <summary>The command's CN, e.g. <c>2051</c>.</summary>
    public required string Cn { get; init; }

    /// <summary>The command's CP, e.g. <c>BeginTime=…;EndTime=…</c>; empty by default.</summary>
    public Hj212DataArea Cp { get; init; } = Hj212DataArea.Empty;
}
