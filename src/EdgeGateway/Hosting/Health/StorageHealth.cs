namespace EdgeGateway.Hosting.Health;

/// <summary>The outbox.</summary>
public sealed record StorageHealth(string Path, long UsedBytes, long MaxBytes, long LastSequence, long AcknowledgedPrefix, long EvictedUnacknowledged, long FailedAppends, string? LastFailure);
