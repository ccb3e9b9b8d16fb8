namespace EdgeGateway.Storage;

/// <summary>The detail of a data-evicted event: what the size cap deleted.</summary>
/// <param name="FirstSequence">The lowest sequence deleted.</param>
/// <param name="LastSequence">The highest sequence deleted.</param>
/// <param name="Records">All records deleted.</param>
/// <param name="AcknowledgedRecords">Of those, delivered ones: only the history for re-send requests is shorter.</param>
/// <param name="UnacknowledgedRecords">Of those, never delivered: lost to the platform.</param>
/// <param name="LostRanges">The sequence ranges of the never-delivered records: gaps the platform will see, explained.</param>
/// <param name="MaxBytes">The size cap that was reached.</param>
public sealed record DataEvictedDetail(long FirstSequence, long LastSequence, long Records, long AcknowledgedRecords, long UnacknowledgedRecords, IReadOnlyList<SequenceRange> LostRanges, long MaxBytes);
