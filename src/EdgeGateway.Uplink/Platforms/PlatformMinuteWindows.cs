using EdgeGateway.Storage;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>
/// A session's open MinInterval windows, shared by its live and backlog streams (a window can straddle the
/// durable sequence at the session's start, so each stream may meet part of it). A 1-minute record is held (neither
/// sent nor acknowledged) until its window is complete: a stream meets the window's last minute, or a record of a later
/// window of that outlet. Then the window's records are read from the outbox by time, whichever stream held them. A
/// 1064 applies from the next window opened: an open window keeps the interval it was opened with.
/// </summary>
internal sealed class PlatformMinuteWindows(PlatformLinkContext context)
{
    private readonly List<OutletWindow> _open = [];

    // Closed windows whose upload is not through yet: their records are still unacknowledged, so a stream may still
    // read one; it is held, the window's upload carries it. A record of a window that became durable only after the
    // window's upload went through (the aggregation appends a minute's records together, so not expected) opens the
    // window again: it goes again, whole.
    private readonly List<OutletWindow> _closed = [];

    /// <summary>
    /// Whether <paramref name="entry"/> belongs to a MinInterval window (so is not sent on its own); windows it completes
    /// are added to <paramref name="completed"/>, read no further than <paramref name="limit"/>. False: send it as it is
    /// (MinInterval 1 when its window would open, or not a 1-minute record).
    /// </summary>
    public bool Take(OutboxAggregate entry, long limit, List<MinuteIntervalWindow> completed)
    {
        var record = entry.Record;
        if (!MinuteIntervalRecords.IsOneMinute(record))
        {
            return false;
        }

        var outlet = record.Outlet;
        var start = record.StartUtc;
        if (_closed.Exists(window => window.Holds(outlet, start)))
        {
            return true;
        }

        // A record of a later window completes the outlet's earlier ones.
        foreach (var earlier in _open.Where(window => window.Outlet == outlet && window.EndUtc <= start).ToList())
        {
            completed.Add(Close(earlier, limit));
        }

        var open = _open.Find(window => window.Holds(outlet, start));
        if (open is null)
        {
            var minutes = context.MinuteIntervalMinutes;
            if (minutes <= 1)
            {
                return false;
            }

            open = new OutletWindow(outlet, MinuteIntervalRecords.WindowStart(start, minutes, context.Options.SiteOffset), minutes);
            _open.Add(open);
        }

        if (open.IsLastMinute(start))
        {
            completed.Add(Close(open, limit));
        }

        return true;
    }

    /// <summary>The window's upload went through (or had nothing to send): its records are acknowledged, so no stream reads them again.</summary>
    public void Done(MinuteIntervalWindow window) => _closed.RemoveAll(closed => closed.Outlet == window.Outlet && closed.StartUtc == window.StartUtc);

    private MinuteIntervalWindow Close(OutletWindow window, long limit)
    {
        _open.Remove(window);
        _closed.Add(window);
        var entries = MinuteIntervalRecords.Read(context.Dependencies.Outbox, window.Outlet, window.StartUtc, window.Minutes, limit);
        var records = MinuteIntervalRecords.Combine(entries.Select(entry => entry.Record).ToList(), window.StartUtc, window.Minutes, context.Options.SiteOffset);
        return new MinuteIntervalWindow(window.Outlet, window.StartUtc, records, entries.Select(entry => entry.Sequence).ToList());
    }

    private sealed record OutletWindow(string Outlet, DateTimeOffset StartUtc, int Minutes)
    {
        public DateTimeOffset EndUtc => StartUtc.AddMinutes(Minutes);

        public bool Holds(string outlet, DateTimeOffset minuteStart) =>
            string.Equals(outlet, Outlet, StringComparison.Ordinal) && minuteStart >= StartUtc && minuteStart < EndUtc;

        public bool IsLastMinute(DateTimeOffset minuteStart) => minuteStart.AddMinutes(1) == EndUtc;
    }
}
