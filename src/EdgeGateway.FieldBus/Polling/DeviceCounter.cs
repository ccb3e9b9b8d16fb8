namespace EdgeGateway.FieldBus.Polling;

/// <summary>The counts a <see cref="DeviceHealth"/> keeps.</summary>
public enum DeviceCounter
{
    Transactions,
    Timeouts,
    CrcErrors,
    Exceptions,
    Mismatches,
    TransportErrors,
    Cycles,
    FailedCycles,
    OutageFailedPolls,
    OutageFlaggedReadings,
    OutageProbes,
}
