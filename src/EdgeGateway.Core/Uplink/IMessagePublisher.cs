namespace EdgeGateway.Core.Uplink;

/// <summary>What <see cref="OutboxPublisher"/> needs of the link: publish at QoS 1 and say whether the broker acknowledged.</summary>
public interface IMessagePublisher
{
    /// <summary>Whether a publish now has a chance to succeed.</summary>
    bool IsConnected { get; }

    /// <summary>Completes when the link is (again) connected.</summary>
    Task WaitUntilConnectedAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Publishes <paramref name="payload"/> to <paramref name="topicSuffix"/> below the link's topic root and returns
    /// true only when the broker acknowledged it (PUBACK). False for every expected failure: not connected, connection
    /// lost before the acknowledgement, timeout, refusal.
    /// </summary>
    Task<bool> PublishAsync(string topicSuffix, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}
