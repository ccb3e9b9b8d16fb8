namespace EdgeGateway.Storage;

/// <summary>The counts an <see cref="OutboxAppender"/> keeps (<see cref="OutboxAppenderStatistics"/> reports them).</summary>
public enum AppenderCounter
{
    ReadingsStored,
    Transactions,
    FailedAppends,
    ReadingsHeld,
    ReadingsLost,
    RecordsLost,
    FailedMaintenance,
}
