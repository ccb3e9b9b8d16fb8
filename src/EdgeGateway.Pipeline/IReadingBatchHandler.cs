namespace EdgeGateway.Pipeline;

/// <summary>A stage on the consumer's side of the ring: aggregation, the latest-values table, the outbox.</summary>
/// <remarks>Called on the one consumer thread, in ring order: implementations need no locks against each other.</remarks>
public interface IReadingBatchHandler
{
    /// <summary>A batch of readings, oldest first; valid only during the call.</summary>
    void Handle(ReadOnlySpan<Reading> batch);

    /// <summary>Time passes even when no readings arrive (a bus outage): close what is due.</summary>
    void Tick(DateTimeOffset now);
}
