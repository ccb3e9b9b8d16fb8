namespace EdgeGateway.Pipeline;

/// <summary>
/// Timestamps for readings: the wall clock in UTC, but never earlier than the previous timestamp handed out. A clock
/// stepped back (NTP correction, RTC fix, a set-time command) would otherwise give readings that go back in time and
/// collide with windows already closed; the guard holds time still until the wall clock catches up, and counts the
/// steps so status can report them.
/// </summary>
/// <remarks>Thread-safe: several bus threads take timestamps; a compare-and-swap loop keeps them increasing.</remarks>
public sealed class MonotonicGuardedClock(TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _lastTicks;
    private long _backwardSteps;
    private int _behind;

    /// <summary>How many times the wall clock stepped back by more than a second behind the last timestamp.</summary>
    public long BackwardSteps => Interlocked.Read(ref _backwardSteps);

    /// <summary>The next timestamp in UTC ticks: the wall clock, or one tick after the previous one if that is later.</summary>
    public long NextTicks() => Guard(_time.GetUtcNow().UtcTicks);

    /// <summary>Passes a wall-clock timestamp taken elsewhere (a poll cycle's start) through the same guard.</summary>
    public long Guard(long wall)
    {
        while (true)
        {
            var last = Interlocked.Read(ref _lastTicks);
            var next = wall > last ? wall : last + 1;
            if (Interlocked.CompareExchange(ref _lastTicks, next, last) == last)
            {
                if (wall > last)
                {
                    Volatile.Write(ref _behind, 0);
                }
                else if (wall < last - TimeSpan.TicksPerSecond && Interlocked.Exchange(ref _behind, 1) == 0)
                {
                    // More than a second behind, and not already counted: a real step, not two threads in one tick.
                    Interlocked.Increment(ref _backwardSteps);
                }

                return next;
            }
        }
    }
}
