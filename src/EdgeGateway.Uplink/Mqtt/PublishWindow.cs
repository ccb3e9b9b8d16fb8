namespace EdgeGateway.Uplink.Mqtt;

/// <summary>
/// The QoS 1/2 publishes one connection may have awaiting acknowledgement. A new window is made per connection
/// because its size depends on the broker's Receive Maximum from that connection's CONNACK.
/// </summary>
internal sealed class PublishWindow(int size)
{
    private readonly SemaphoreSlim _slots = new(size, size);

    public int Size { get; } = size;

    /// <summary>Publishes holding a slot now.</summary>
    public int InFlight => Size - _slots.CurrentCount;

    public Task WaitAsync(CancellationToken cancellationToken) => _slots.WaitAsync(cancellationToken);

    public void Release() => _slots.Release();
}
