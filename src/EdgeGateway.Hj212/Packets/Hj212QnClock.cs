namespace EdgeGateway.Hj212.Packets;

/// <summary>
/// Hands out QNs that never repeat: the site clock's time to the millisecond, pushed 1 ms past the previous QN
/// when two are asked for in the same millisecond (the packets of a split message) or the clock steps back.
/// Thread-safe.
/// </summary>
public sealed class Hj212QnClock
{
    private readonly Func<DateTime> _siteNow;
    private readonly Lock _gate = new();
    private DateTime _last = DateTime.MinValue;

    /// <summary>Creates a QN source.</summary>
    /// <param name="siteNow">
    /// The site's local time (Beijing time for Chinese platforms); the caller converts, this class only formats.
    /// </param>
    public Hj212QnClock(Func<DateTime> siteNow)
    {
        ArgumentNullException.ThrowIfNull(siteNow);
        _siteNow = siteNow;
    }

    /// <summary>The next QN's time, truncated to the millisecond and later than every earlier one.</summary>
    public DateTime NextTime()
    {
        var now = _siteNow();
        now = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), now.Kind);
        lock (_gate)
        {
            if (now <= _last)
            {
                now = _last.AddMilliseconds(1);
            }

            _last = now;
            return now;
        }
    }

    /// <summary>The next QN, e.g. <c>20160801085857223</c>.</summary>
    public string Next() => Hj212Time.FormatQn(NextTime());
}
