namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>A timer of <see cref="ManualTimeProvider"/>: due at a point of the manual clock, fired by its Advance.</summary>
internal sealed class ManualTimer(ManualTimeProvider time, TimerCallback callback, object? state) : ITimer
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _due;
    private TimeSpan _period = Timeout.InfiniteTimeSpan;

    public DateTimeOffset? Due
    {
        get
        {
            lock (_gate)
            {
                return _due;
            }
        }
    }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        // The clock is read before this timer's lock: the provider takes its own lock, then this one, in Advance.
        var now = time.GetUtcNow();
        lock (_gate)
        {
            _due = dueTime == Timeout.InfiniteTimeSpan ? null : now + dueTime;
            _period = period;
            return true;
        }
    }

    /// <summary>Runs the callback and re-arms a periodic timer one period later.</summary>
    public void Fire()
    {
        lock (_gate)
        {
            _due = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : _due + _period;
        }

        callback(state);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _due = null;
        }

        time.Forget(this);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
