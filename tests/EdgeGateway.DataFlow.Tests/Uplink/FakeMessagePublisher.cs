using EdgeGateway.Uplink;

namespace EdgeGateway.DataFlow.Tests.Uplink;

/// <summary>
/// Records every publish and answers as told: acknowledge, fail the publishes a rule picks, or drop the "connection"
/// until <see cref="Reconnect"/>. Answers come at once, or after <see cref="AnswerDelay"/> like a broker over a slow
/// link; a dropped connection then fails every publish still waiting, as a real one does.
/// </summary>
internal sealed class FakeMessagePublisher : IMessagePublisher
{
    private readonly Lock _gate = new();
    private readonly List<PublishedMessage> _published = [];
    private TaskCompletionSource _connected = NewConnectedSignal(completed: true);
    private int _attempts;
    private int _connection;
    private int _inFlight;
    private int _peakInFlight;
    private int _cancelled;

    /// <summary>Given the 1-based attempt number, whether that publish fails without an acknowledgement.</summary>
    public Func<int, bool> FailWhen { get; set; } = _ => false;

    /// <summary>Given the 1-based attempt number, whether the connection drops during that publish.</summary>
    public Func<int, bool> DisconnectWhen { get; set; } = _ => false;

    /// <summary>Given the 1-based attempt number, how long its answer takes; zero answers before the call returns.</summary>
    public Func<int, TimeSpan> AnswerDelay { get; set; } = _ => TimeSpan.Zero;

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

    /// <summary>Every answered publish, in the order of the answers.</summary>
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

    /// <summary>Publishes called and not answered yet.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>The most publishes that were waiting for their answer at once.</summary>
    public int PeakInFlight
    {
        get
        {
            lock (_gate)
            {
                return _peakInFlight;
            }
        }
    }

    /// <summary>Publishes whose caller gave up waiting (cancelled) before the answer.</summary>
    public int Cancelled => Volatile.Read(ref _cancelled);

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
        int attempt;
        int connection;
        TimeSpan delay;
        lock (_gate)
        {
            attempt = ++_attempts;
            if (_connected.Task.IsCompleted && DisconnectWhen(attempt))
            {
                _connected = NewConnectedSignal(completed: false);
                _connection++;
            }

            _peakInFlight = Math.Max(_peakInFlight, _inFlight + 1);
            connection = _connected.Task.IsCompleted ? _connection : -1;
            delay = AnswerDelay(attempt);
            if (delay <= TimeSpan.Zero)
            {
                return Task.FromResult(Answer(attempt, connection, topicSuffix, payload));
            }

            _inFlight++;
        }

        return AnswerLaterAsync(attempt, connection, topicSuffix, payload.ToArray(), delay, cancellationToken);
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

    private async Task<bool> AnswerLaterAsync(int attempt, int connection, string topicSuffix, byte[] payload, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                _inFlight--;
                _published.Add(new PublishedMessage(topicSuffix, payload, Acknowledged: false));
            }

            Interlocked.Increment(ref _cancelled);
            throw;
        }

        lock (_gate)
        {
            _inFlight--;
            return Answer(attempt, connection, topicSuffix, payload);
        }
    }

    // Under the lock: acknowledged only if the connection the publish went out on is still the one up.
    private bool Answer(int attempt, int connection, string topicSuffix, ReadOnlyMemory<byte> payload)
    {
        var acknowledged = connection == _connection && _connected.Task.IsCompleted && !FailWhen(attempt);
        _published.Add(new PublishedMessage(topicSuffix, payload.ToArray(), acknowledged));
        return acknowledged;
    }
}
