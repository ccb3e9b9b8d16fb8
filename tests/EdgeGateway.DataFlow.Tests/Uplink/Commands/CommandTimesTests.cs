using EdgeGateway.Uplink.Commands;

namespace EdgeGateway.DataFlow.Tests.Uplink.Commands;

public sealed class CommandTimesTests
{
    [Theory]
    [InlineData("2026-03-01T08:00Z", "2026-03-01T08:00:00.000Z")]
    [InlineData("2026-03-01T08:00:00Z", "2026-03-01T08:00:00.000Z")]
    [InlineData("2026-03-01T08:00:00.25Z", "2026-03-01T08:00:00.250Z")]
    [InlineData("2026-03-01T16:00:00+08:00", "2026-03-01T08:00:00.000Z")]
    [InlineData("2026-03-01T03:00:00-05:00", "2026-03-01T08:00:00.000Z")]
    public void Iso_times_with_a_zone_are_read_as_utc(string text, string expected)
    {
        Assert.True(CommandTimes.TryParseIso(text, out var utc, out var error), error);
        Assert.Equal(expected, CommandTimes.Format(utc));
    }

    [Theory]
    [InlineData("2026-03-01T08:00:00")]
    [InlineData("2026-03-01")]
    [InlineData("20260301T080000Z")]
    [InlineData("March 1 2026 08:00Z")]
    [InlineData("")]
    [InlineData("Z")]
    public void Other_notations_are_refused(string text)
    {
        Assert.False(CommandTimes.TryParseIso(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData("20260301160000", 8, "2026-03-01T08:00:00.000Z")]
    [InlineData("20260301000000", 8, "2026-02-28T16:00:00.000Z")]
    [InlineData("20260301080000", 0, "2026-03-01T08:00:00.000Z")]
    public void Hj212_times_are_site_time(string text, int offsetHours, string expected)
    {
        Assert.True(CommandTimes.TryParseHj212(text, TimeSpan.FromHours(offsetHours), out var utc, out var error), error);
        Assert.Equal(expected, CommandTimes.Format(utc));
    }

    [Theory]
    [InlineData("2026030116000")]
    [InlineData("202603011600000")]
    [InlineData("20261301160000")]
    [InlineData("2026-03-01 16:00")]
    public void Malformed_hj212_times_are_refused(string text)
    {
        Assert.False(CommandTimes.TryParseHj212(text, TimeSpan.FromHours(8), out _, out _));
    }
}
