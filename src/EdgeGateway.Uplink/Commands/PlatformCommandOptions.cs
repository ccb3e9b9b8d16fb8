namespace EdgeGateway.Uplink.Commands;

/// <summary>What the platform may ask of the gateway over <c>{root}/cmd/{name}</c>, and the limits.</summary>
public sealed record PlatformCommandOptions
{
    /// <summary>Whether the host maps the command topics at all. When false the gateway subscribes none.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Whether <c>set-time</c> may set the clock at all (it is still refused while NTP keeps the clock).</summary>
    public bool AllowSetTime { get; init; } = true;

    /// <summary>Larger request bodies are refused unread.</summary>
    public int MaxRequestBytes { get; init; } = 16 * 1024;

    /// <summary>At most this many records are re-sent per history request; the reply says when more were in the range.</summary>
    public int MaxHistoryRecords { get; init; } = 10_000;

    /// <summary>Re-sent messages per second, so a history request does not crowd out live data on the link.</summary>
    public double HistoryMessagesPerSecond { get; init; } = 50;

    /// <summary>A re-send still running after this long (e.g. the link stayed down) is abandoned.</summary>
    public TimeSpan MaxHistoryDuration { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Pause after a failed re-send publish before trying that message again.</summary>
    public TimeSpan HistoryRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The shortest real-time interval <c>set-rt-interval</c> accepts, in seconds. HJ 212-2017 allows 30 s to 3600 s for
    /// CN 1062, HJ 75 wants a value at least every 5 s from a CEMS: the platform decides within these bounds.
    /// </summary>
    public int MinRealTimeIntervalSeconds { get; init; } = 1;

    /// <summary>The longest real-time interval <c>set-rt-interval</c> accepts, in seconds.</summary>
    public int MaxRealTimeIntervalSeconds { get; init; } = 3600;

    /// <summary>How long <c>retain-sample</c> waits for the sampler's answer (or for its bus).</summary>
    public TimeSpan AnalyzerWriteTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The site's UTC offset, for HJ 212-style times in requests (<c>beginTime</c>, <c>endTime</c>, <c>systemTime</c>
    /// as <c>yyyyMMddHHmmss</c>). China Standard Time by default.
    /// </summary>
    public TimeSpan SiteUtcOffset { get; init; } = TimeSpan.FromHours(8);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRequestBytes, 256, nameof(MaxRequestBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxRequestBytes, 1024 * 1024, nameof(MaxRequestBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHistoryRecords, 1, nameof(MaxHistoryRecords));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxHistoryRecords, 1_000_000, nameof(MaxHistoryRecords));
        if (!double.IsFinite(HistoryMessagesPerSecond) || HistoryMessagesPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(HistoryMessagesPerSecond), HistoryMessagesPerSecond, "must be a positive number");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxHistoryDuration, TimeSpan.Zero, nameof(MaxHistoryDuration));
        ArgumentOutOfRangeException.ThrowIfLessThan(HistoryRetryDelay, TimeSpan.Zero, nameof(HistoryRetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinRealTimeIntervalSeconds, 1, nameof(MinRealTimeIntervalSeconds));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRealTimeIntervalSeconds, MinRealTimeIntervalSeconds, nameof(MaxRealTimeIntervalSeconds));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxRealTimeIntervalSeconds, 86_400, nameof(MaxRealTimeIntervalSeconds));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AnalyzerWriteTimeout, TimeSpan.Zero, nameof(AnalyzerWriteTimeout));
        if (SiteUtcOffset < TimeSpan.FromHours(-14) || SiteUtcOffset > TimeSpan.FromHours(14) || SiteUtcOffset.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SiteUtcOffset), SiteUtcOffset, "must be whole minutes between -14:00 and +14:00");
        }
    }
}
