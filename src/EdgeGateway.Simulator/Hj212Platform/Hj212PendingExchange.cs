using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Simulator.Hj212Platform;

/// <summary>A host command waiting for its answers on one connection; the reader offers it every packet. Thread-safe.</summary>
internal sealed class Hj212PendingExchange
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly List<Hj212Packet> _data = [];
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Hj212Packet? _requestAnswer;
    private Hj212Packet? _executionResult;
    private Hj212Packet? _notificationAnswer;
    private TaskCompletionSource _nextActivity = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastActivity;
    private bool _connectionLost;

    public Hj212PendingExchange(long connectionId, Hj212Packet request, bool isNotification, TimeProvider time)
    {
        ConnectionId = connectionId;
        Request = request;
        IsNotification = isNotification;
        _time = time;
        _lastActivity = time.GetTimestamp();
    }

    public long ConnectionId { get; }

    public Hj212Packet Request { get; }

    public bool IsNotification { get; }

    /// <summary>Completes when the exchange is complete or its connection is lost.</summary>
    public Task Ended => _ended.Task;

    /// <summary>The time since the command was sent or the last packet of the exchange arrived.</summary>
    public TimeSpan Idle
    {
        get
        {
            lock (_gate)
            {
                return _time.GetElapsedTime(_lastActivity);
            }
        }
    }

    /// <summary>Completes at the next packet of the exchange (so the idle timeout starts again).</summary>
    public Task NextActivity
    {
        get
        {
            lock (_gate)
            {
                return _nextActivity.Task;
            }
        }
    }

    /// <summary>Restarts the idle time: the command has just been written.</summary>
    public void MarkSent()
    {
        lock (_gate)
        {
            _lastActivity = _time.GetTimestamp();
        }
    }

    /// <summary>Takes <paramref name="packet"/> when it belongs to this exchange.</summary>
    public bool Offer(Hj212Packet packet)
    {
        lock (_gate)
        {
            if (_ended.Task.IsCompleted)
            {
                return false;
            }

            var sameQn = packet.Qn == Request.Qn;
            switch (packet.Cn)
            {
                case "9011" when sameQn && !IsNotification:
                    _requestAnswer = packet;
                    if (!packet.Cp.TryGetInt32("QnRtn", out var qnRtn) || qnRtn != 1)
                    {
                        _ended.TrySetResult();
                    }

                    break;
                case "9012" when sameQn && !IsNotification:
                    _executionResult = packet;
                    _ended.TrySetResult();
                    break;
                case "9013" when sameQn && IsNotification:
                    _notificationAnswer = packet;
                    _ended.TrySetResult();
                    break;
                default:
                    if (IsNotification || packet.Cn != Request.Cn)
                    {
                        return false;
                    }

                    _data.Add(packet);
                    break;
            }

            _lastActivity = _time.GetTimestamp();
            var activity = _nextActivity;
            _nextActivity = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            activity.TrySetResult();
            return true;
        }
    }

    /// <summary>The connection closed: the exchange ends incomplete.</summary>
    public void LoseConnection()
    {
        lock (_gate)
        {
            _connectionLost = !_ended.Task.IsCompleted;
            _ended.TrySetResult();
        }
    }

    public Hj212HostExchange Snapshot(DateTimeOffset sentAt, DateTimeOffset endedAt, bool timedOut)
    {
        lock (_gate)
        {
            return new Hj212HostExchange
            {
                ConnectionId = ConnectionId,
                Request = Request,
                IsNotification = IsNotification,
                SentAt = sentAt,
                EndedAt = endedAt,
                RequestAnswer = _requestAnswer,
                Data = _data.ToArray(),
                ExecutionResult = _executionResult,
                NotificationAnswer = _notificationAnswer,
                TimedOut = timedOut && !_ended.Task.IsCompleted,
                ConnectionLost = _connectionLost,
            };
        }
    }
}
