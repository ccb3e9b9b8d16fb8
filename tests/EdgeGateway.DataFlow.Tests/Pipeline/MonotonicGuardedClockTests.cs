using EdgeGateway.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.DataFlow.Tests.Pipeline;

public sealed class MonotonicGuardedClockTests
{
    [Fact]
    public void Timestamps_never_go_back_when_the_wall_clock_steps_back()
    {
        var wall = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var clock = new MonotonicGuardedClock(wall);

        var first = clock.NextTicks();
        wall.AdjustTime(wall.GetUtcNow().AddMinutes(-5));
        var second = clock.NextTicks();
        var third = clock.NextTicks();
        wall.AdjustTime(wall.GetUtcNow().AddMinutes(10));
        var fourth = clock.NextTicks();

        Assert.Equal(first + 1, second);
        Assert.Equal(second + 1, third);
        Assert.Equal(wall.GetUtcNow().UtcTicks, fourth);
        Assert.Equal(1, clock.BackwardSteps);
    }

    [Fact]
    public void Several_threads_get_strictly_increasing_timestamps()
    {
        var clock = new MonotonicGuardedClock(new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(50)));
        var stamps = new long[4][];
        Parallel.For(0, 4, thread => stamps[thread] = Enumerable.Range(0, 10_000).Select(_ => clock.NextTicks()).ToArray());

        var all = stamps.SelectMany(s => s).ToArray();
        Assert.Equal(all.Length, all.Distinct().Count());
        Assert.All(stamps, s => Assert.True(s.Zip(s.Skip(1)).All(pair => pair.First < pair.Second)));
    }
}
