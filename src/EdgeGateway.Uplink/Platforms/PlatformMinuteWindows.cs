using EdgeGateway.Storage;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>
/// A record stream's open MinInterval windows, one per outlet. A 1-minute record is held (neither sent nor
/// acknowledged) until its window is complete: the stream meets the window's last minute, or a record of a later window
/// of that outlet. Then the window's records are read from the outbox by time, not from what this stream held, since a
/// window can straddle the backlog/live boundary and the other stream holds the rest. A 1064 applies from the next
/// window opened: an open window keeps the interval it was opened with.
/// </summary>
internal sealed class PlatformMinuteWindows(PlatformLinkContext context)
{
    private readonly Dictionary<string, Window> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Window> _closed = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether <paramref name="entry"/> belongs to a MinInterval window (so is not sent on its own); windows it completes
    /// are added to <paramref name="completed"/>. False: send it as it is (MinInterval 1, or not a 1-minute record).
    /// </summary>
    public bool Take(OutboxAggregate entry, long limit, List<MinuteIntervalWindow> completed)
    {
        var record = entry.Record;
        if (!MinuteIntervalRecords.IsOneMinute(record))
        {
            return false;
        }

        var outlet = record.Outlet;
        if (_closed.TryGetValue(outlet, out var closed) && closed.Holds(record.StartUtc))
        {
            // Read by time when its window closed (e.g. the other channels of the window's last minute).
            return true;
        }

        if (_open.TryGetValue(outlet, out var open))
        {
            if (open.Holds(record.StartUtc))
            {
                if (open.IsLastMinute(record.StartUtc))
                {
                    completed.Add(Close(outlet, open, limit));
                }

                return true;
            }

            completed.Add(Close(outlet, open, limit));
        }

        var minutes = context.MinuteIntervalMinutes;
        if (minutes <= 1)
        {
            return false;
        }

        var window = new Window(MinuteIntervalRecords.WindowStart(record.StartUtc, minutes, context.Options.SiteOffset), minutes);
        if (window.IsLastMinute(record.StartUtc))
        {
            completed.Add(Close(outlet, window, limit));
        }
        else
        {
            _open[outlet] = window;
        }

        return true;
    }

    private MinuteIntervalWindow Close(string outlet, Window window, long limit)
    {
        _open.Remove(outlet);
        _closed[outlet] = window;
        var entries = MinuteIntervalRecords.Read(context.Dependencies.Outbox, outlet, window.StartUtc, window.Minutes, limit);
        var records = MinuteIntervalRecords.Combine(entries.Select(entry => entry.Record).ToList(), window.StartUtc, window.Minutes, context.Options.SiteOffset);
        return new MinuteIntervalWindow(records, entries.Select(entry => entry.Sequence).ToList());
    }

    private readonly record struct Window(DateTimeOffset StartUtc, int Minutes)
    {
        public DateTimeOffset EndUtc => StartUtc.AddMinutes(Minutes);

        public bool Holds(DateTimeOffset minuteStart) => minuteStart >= StartUtc && minuteStart < EndUtc;

        public bool IsLastMinute(DateTimeOffset minuteStart) => minuteStart.AddMinutes(1) == EndUtc;
    }
}
