namespace EdgeGateway.Core.Uplink;

/// <summary>How <see cref="OutboxPublisher"/> paces and batches.</summary>
public sealed record OutboxPublisherOptions
{
    /// <summary>Live readings are sent once this many are waiting (also the most records read per step).</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>...or once the oldest waiting live record has waited this long.</summary>
    public TimeSpan MaxBatchDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Backlog messages per second sent behind live data, so a long backlog does not starve the link.</summary>
    public double BacklogMessagesPerSecond { get; init; } = 20;

    /// <summary>How often to look for new records when idle.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Pause after a failed publish before trying again, so a dead link is not hammered.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BacklogMessagesPerSecond);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PollInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryDelay, TimeSpan.Zero);
    }
}
