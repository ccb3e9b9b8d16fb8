using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Hj212.Tests;

public sealed class Hj212QnClockTests
{
    [Fact]
    public void QNs_asked_for_in_the_same_millisecond_or_after_a_clock_step_back_still_increase()
    {
        var now = new DateTime(2016, 8, 1, 8, 58, 57, 223).AddTicks(5);
        var clock = new Hj212QnClock(() => now);

        var first = clock.Next();
        var second = clock.Next();
        now = now.AddSeconds(-10);
        var third = clock.Next();
        now = now.AddMinutes(1);
        var fourth = clock.Next();

        Assert.Equal("20160801085857223", first);
        Assert.Equal("20160801085857224", second);
        Assert.Equal("20160801085857225", third);
        Assert.Equal("20160801085947223", fourth);
    }

    [Fact]
    public void Times_format_as_given_without_zone_conversion()
    {
        var utc = new DateTime(2016, 8, 1, 0, 58, 57, DateTimeKind.Utc);

        Assert.Equal("20160801005857", Hj212Time.Format(utc));
        Assert.Equal("20160801005857000", Hj212Time.FormatQn(utc));
        Assert.True(Hj212Time.TryParse("20160801085857", out var parsed));
        Assert.Equal(DateTimeKind.Unspecified, parsed.Kind);
        Assert.False(Hj212Time.TryParse("2016080108585", out _));
        Assert.False(Hj212Time.TryParseQn("20160801085857", out _));
    }
}
