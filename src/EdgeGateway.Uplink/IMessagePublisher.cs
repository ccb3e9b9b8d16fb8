namespace EdgeGateway.Uplink;

/// <summary>What <see cref="OutboxPublisher"/> needs of the link: publish at QoS 1 and say whether the broker acknowledged.</summary>
/// <remarks>
/// The publisher keeps up to <see cref="OutboxPublisherOptions.MaxInFlight"/> publishes pending at once, started one
/// after the other from one loop: an implementation must accept concurrent calls. Order on the wire is a nicety
/// (the platform orders by time and de-duplicates by sequence), not something the outbox relies on.
/// </remarks>
public interface IMessagePublisher
{
    /// <summary>Whether a publish now has a chance to succeed.</summary>
    bool IsConnected { get; }

    /// <summary>Completes when the link is (again) connected.</summary>
    Task WaitUntilConnectedAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Publishes <paramref name="payload"/> to <paramref name="topicSuffix"/> below the link's topic root and returns
    /// true only when the broker acknowledged it (PUBACK). False for every expected failure: not connected, connection
    /// lost before the acknowledgement, timeout, refusal. Cancelling <paramref name="cancellationToken"/> (a stop that
    /// gave up waiting) must end the wait promptly, by an <see cref="OperationCanceledException"/> or false.
    /// </summary>
    Task<bool> PublishAsync(string topicSuffix, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}
