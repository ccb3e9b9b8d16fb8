namespace EdgeGateway.Storage;

/// <summary>What the publisher still owes the platform.</summary>
/// <param name="UnacknowledgedCount">Records appended but neither acknowledged nor evicted.</param>
/// <param name="OldestSequence">The lowest unacknowledged sequence (the contiguous acknowledged prefix + 1); null when none.</param>
/// <param name="OldestTimestamp">That record's own time (poll time, window start, event time); null when none.</param>
public readonly record struct OutboxBacklog(long UnacknowledgedCount, long? OldestSequence, DateTimeOffset? OldestTimestamp)
{
    /// <summary>How far the oldest unacknowledged record lies behind <paramref name="now"/>; zero when there is none.</summary>
    public TimeSpan Age(DateTimeOffset now) => OldestTimestamp is { } oldest && now > oldest ? now - oldest : TimeSpan.Zero;
}
