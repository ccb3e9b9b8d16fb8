using EdgeGateway.Core.Uplink;

namespace EdgeGateway.Core.Tests.Uplink;

/// <summary>
/// Records every publish and answers as told: acknowledge, fail the publishes a rule picks, or drop the "connection"
/// until <see cref="Reconnect"/>.
/// </summary>
internal sealed class FakeMessagePublisher : IMessagePublisher
{
    private readonly Lock _gate = new();
    private readonly List<PublishedMessage> _published = [];
    private TaskCompletionSource _connected = NewConnectedSignal(completed: true);
    private int _attempts;

    /// <summary>Given the 1-based attempt number, whether that publish fails without an acknowledgement.</summary>
    public Func<int, bool> FailWhen { get; set; } = _ => false;

    /// <summary>Given the 1-based attempt number, whether the connection drops during that publish.</summary>
    public Func<int, bool> DisconnectWhen { get; set; } = _ => false;

    public bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                return _connected.Task.IsCompleted;
            }
        }
    }

    public IReadOnlyList<PublishedMessage> Published
    {
        get
        {
            lock (_gate)
            {
                return [.. _published];
            }
        }
    }

    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _connected.Task.WaitAsync(cancellationToken);
        }
    }

    public void Reconnect()
    {
        lock (_gate)
        {
            _connected.TrySetResult();
        }
    }

    public Task<bool> PublishAsync(string topicSuffix, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var attempt = ++_attempts;
            var connected = _connected.Task.IsCompleted;
            if (connected && DisconnectWhen(attempt))
            {
                _connected = NewConnectedSignal(completed: false);
                connected = false;
            }

            var acknowledged = connected && !FailWhen(attempt);
            _published.Add(new PublishedMessage(topicSuffix, payload.ToArray(), acknowledged));
            return Task.FromResult(acknowledged);
        }
    }

    private static TaskCompletionSource NewConnectedSignal(bool completed)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            signal.SetResult();
        }

        return signal;
    }
}
