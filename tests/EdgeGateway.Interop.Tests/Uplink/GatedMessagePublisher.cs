using EdgeGateway.Uplink;

namespace EdgeGateway.Interop.Tests.Uplink;

/// <summary>
/// Passes publishes through to the real link while open; while closed, fails them without sending. The outage test
/// closes it around the broker restart so that no message is acknowledged by a broker whose subscriber is not there
/// yet (mosquitto runs without persistence: a subscriber's session does not survive the restart).
/// </summary>
internal sealed class GatedMessagePublisher(IMessagePublisher inner) : IMessagePublisher
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _open = Opened();
    private int _inFlight;

    public bool IsConnected => IsOpen && inner.IsConnected;

    public int InFlight => Volatile.Read(ref _inFlight);

    private bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return _open.Task.IsCompleted;
            }
        }
    }

    public void Close()
    {
        lock (_gate)
        {
            if (_open.Task.IsCompleted)
            {
                _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void Open()
    {
        lock (_gate)
        {
            _open.TrySetResult();
        }
    }

    public async Task WaitUntilConnectedAsync(CancellationToken cancellationToken)
    {
        Task open;
        lock (_gate)
        {
            open = _open.Task;
        }

        await open.WaitAsync(cancellationToken).ConfigureAwait(false);
        await inner.WaitUntilConnectedAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> PublishAsync(string topicSuffix, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            return IsOpen && await inner.PublishAsync(topicSuffix, payload, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
