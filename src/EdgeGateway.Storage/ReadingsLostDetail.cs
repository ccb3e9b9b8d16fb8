namespace EdgeGateway.Storage;

/// <summary>The detail of a buffer-overflow event: readings that never got a sequence number, by count and time.</summary>
/// <param name="Readings">Readings dropped.</param>
/// <param name="AggregateRecords">Aggregate records dropped.</param>
/// <param name="Events">Events dropped.</param>
/// <param name="FirstTimestamp">The oldest dropped reading's poll time; null when no reading was dropped.</param>
/// <param name="LastTimestamp">The newest dropped reading's poll time.</param>
/// <param name="Reason">Why they could not be kept.</param>
public sealed record ReadingsLostDetail(long Readings, long AggregateRecords, long Events, DateTimeOffset? FirstTimestamp, DateTimeOffset? LastTimestamp, string Reason);
