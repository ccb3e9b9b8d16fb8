namespace EdgeGateway.Pipeline.Ring;

/// <summary>Why <see cref="IRing{T}.WaitToRead(TimeSpan, CancellationToken)"/> returned.</summary>
public enum RingWaitResult
{
    /// <summary>At least one item can be read.</summary>
    ItemsAvailable,

    /// <summary>The ring was completed and every item has been taken: the consumer can stop.</summary>
    Completed,

    /// <summary>The timeout passed with nothing to read.</summary>
    TimedOut,
}
