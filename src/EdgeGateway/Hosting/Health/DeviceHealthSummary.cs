namespace EdgeGateway.Hosting.Health;

/// <summary>One device's polling record since the start.</summary>
public sealed record DeviceHealthSummary(
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
    string? LastError);
