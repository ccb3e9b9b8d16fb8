using EdgeGateway.Pipeline;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>
/// Which readings a platform gets as 2011: the first reading of each channel in each RealTimeInterval window (windows
/// counted from the epoch, so on the minute for intervals that divide it). With one poll instant for all channels that
/// is one 2011 per interval, DataTime = that poll's time; readings of a device polled at another instant make their
/// own 2011 with their own DataTime. Decided from the readings' times, not from the clock, so live data and backlog
/// after an outage get the same selection. The readings not selected are acknowledged for the platform unsent.
/// Each stream of a session (backlog, live) has its own selection, so the one window that straddles the session's
/// start may give two 2011s, one from each stream: one more real-time packet, never one fewer.
/// </summary>
internal sealed class RealTimeSelection
{
    private readonly HashSet<int> _sentInWindow = [];
    private long _window = long.MinValue;

    public bool Take(in Reading reading, TimeSpan interval)
    {
        var window = reading.TimestampTicks / Math.Max(1, interval.Ticks);
        if (window != _window)
        {
            _window = window;
            _sentInWindow.Clear();
        }

        return _sentInWindow.Add(reading.Channel);
    }
}
