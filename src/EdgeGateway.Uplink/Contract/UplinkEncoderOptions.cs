namespace EdgeGateway.Uplink.Contract;

/// <summary>Limits for batching readings and aggregate records into one message, and the form of the latter.</summary>
public sealed record UplinkEncoderOptions
{
    /// <summary>At most this many readings per message.</summary>
    public int MaxReadingsPerMessage { get; init; } = 200;

    /// <summary>At most this many payload bytes per message (a single reading larger than this still goes alone).</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024;

    /// <summary>At most this many aggregate records per message in the batch form (a minute of 100 channels fits).</summary>
    public int MaxAggregatesPerMessage { get; init; } = 100;

    /// <summary>Batched aggregate records (the default), or one per message for a platform that reads only that form.</summary>
    public AggregateMessageForm AggregateMessages { get; init; } = AggregateMessageForm.Batch;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAggregatesPerMessage, 1);
        if (!Enum.IsDefined(AggregateMessages))
        {
            throw new ArgumentOutOfRangeException(nameof(AggregateMessages), AggregateMessages, "not an aggregate message form");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxReadingsPerMessage, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessageBytes, 256);
    }
}
