using EdgeGateway.Uplink.Commands;

namespace EdgeGateway.Hosting.Health;

/// <summary>The gateway's health at one instant: what the status topic and the technician's status command show.</summary>
/// <param name="Healthy">No part is dead or stuck (the watchdog's view); a silent analyzer or a broker outage is not unhealthy.</param>
/// <param name="Problem">What is wrong when not healthy.</param>
/// <param name="Clock">The clock readings are stamped with, and whether it is synchronised.</param>
/// <param name="Door">The cabinet door; null (and absent from the JSON) when no door switch is configured.</param>
internal sealed record GatewayHealth(
    DateTimeOffset At,
    double UptimeSeconds,
    bool Healthy,
    string? Problem,
    IReadOnlyList<BusHealth> Buses,
    PipelineHealth Pipeline,
    StorageHealth Storage,
    UplinkHealth Uplink,
    ClockStatus Clock,
    DoorHealth? Door = null);
