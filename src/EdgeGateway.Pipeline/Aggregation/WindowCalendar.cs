namespace EdgeGateway.Pipeline.Aggregation;

/// <summary>
/// Window boundaries on the site's wall clock: a window starts where the local time is a whole multiple of its
/// length. The zone's offset at the instant is used, which is exact for a zone without daylight saving such as
/// China Standard Time; hours are 60 minutes and days 24 hours.
/// </summary>
internal sealed class WindowCalendar(TimeZoneInfo zone, int minuteIntervalMinutes)
{
    public long MinuteTicks { get; } = minuteIntervalMinutes * TimeSpan.TicksPerMinute;

    public int MinuteIntervalMinutes { get; } = minuteIntervalMinutes;

    public static long HourTicks => TimeSpan.TicksPerHour;

    public static long DayTicks => TimeSpan.TicksPerDay;

    public long MinuteWindowStart(long utcTicks) => Floor(utcTicks, MinuteTicks);

    public long HourStart(long utcTicks) => Floor(utcTicks, HourTicks);

    public long DayStart(long utcTicks) => Floor(utcTicks, DayTicks);

    public DateTimeOffset Local(long utcTicks) => new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(Offset(utcTicks));

    private long Floor(long utcTicks, long windowTicks)
    {
        var offset = Offset(utcTicks).Ticks;
        var local = utcTicks + offset;
        return local - (local % windowTicks) - offset;
    }

    private TimeSpan Offset(long utcTicks) => zone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc));
}
