namespace EdgeGateway.Hosting.Health;

/// <summary>One device's polling record since the start.</summary>
/// <param name="Degraded">In an outage (comm-loss sent): its readings are B and it is only probed.</param>
/// <param name="PortLost">The port of its bus is lost (unplugged adapter, refused or dropped connection).</param>
/// <param name="OutageSince">The first poll without an answer of the current outage (or run of failed polls); null while it answers.</param>
internal sealed record DeviceHealthSummary(
    string Name,
    int Slave,
    string Profile,
    bool Degraded,
    DateTimeOffset? LastAnswer,
    long Cycles,
    long FailedCycles,
    long Timeouts,
    long CrcErrors,
    long Exceptions,
    long TransportErrors,
    string? LastError,
    bool PortLost,
    DateTimeOffset? OutageSince);
