namespace EdgeGateway.Storage;

/// <summary>How the <see cref="OutboxAppender"/> rides out storage failures and paces the outbox's housekeeping.</summary>
public sealed record OutboxAppenderOptions
{
    /// <summary>
    /// Readings held in memory while the outbox cannot store them (32 bytes each: the default 262 144 are 8 MB, about
    /// 43 minutes of 100 channels at 1 Hz). Beyond it the oldest are dropped, counted and announced.
    /// </summary>
    public int HeldReadingCapacity { get; init; } = 262_144;

    /// <summary>Aggregate records, and separately events, held in memory while the outbox cannot store them.</summary>
    public int HeldRecordCapacity { get; init; } = 10_000;

    /// <summary>How often a failing outbox is tried again.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often retention runs (<see cref="IOutbox.Maintain"/>).</summary>
    public TimeSpan MaintenanceInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often the outbox is made durable (<see cref="IOutbox.MakeDurable"/>): with synchronous=NORMAL, the most a
    /// power cut can take back, and the delay before the publisher may send a record.
    /// </summary>
    public TimeSpan DurabilityInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Held readings are stored again in transactions of at most this many.</summary>
    public int ResumeChunk { get; init; } = 8_192;

    /// <summary>The clock for failure times and intervals; the system clock when null.</summary>
    public TimeProvider? Time { get; init; }
}
