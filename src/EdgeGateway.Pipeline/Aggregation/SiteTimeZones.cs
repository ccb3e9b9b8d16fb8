namespace EdgeGateway.Pipeline.Aggregation;

/// <summary>The site clock: China Standard Time (UTC+8, no daylight saving since 1991).</summary>
public static class SiteTimeZones
{
    public const string ChinaStandardTimeId = "Asia/Shanghai";

    /// <summary>
    /// "Asia/Shanghai" from the system's tzdata; on a system without it (a slim container, or Windows under
    /// InvariantGlobalization, where the IANA id cannot be mapped) a fixed +08:00 zone, which is the same clock today.
    /// </summary>
    public static TimeZoneInfo ChinaStandardTime()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ChinaStandardTimeId);
        }
        catch (TimeZoneNotFoundException)
        {
            return FixedChinaStandardTime();
        }
        catch (InvalidTimeZoneException)
        {
            return FixedChinaStandardTime();
        }
    }

    /// <summary>A fixed UTC+08:00 zone, independent of tzdata.</summary>
    public static TimeZoneInfo FixedChinaStandardTime() =>
        TimeZoneInfo.CreateCustomTimeZone("China Standard Time", TimeSpan.FromHours(8), "(UTC+08:00) China Standard Time", "China Standard Time");
}
