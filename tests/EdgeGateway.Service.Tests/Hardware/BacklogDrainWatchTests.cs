using EdgeGateway.Hardware;

namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>When the uplink LED says "draining": while backlog messages keep going out, and a short hold after.</summary>
public sealed class BacklogDrainWatchTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 22, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Messages_sent_before_the_first_look_are_history_not_draining()
    {
        var watch = new BacklogDrainWatch();

        Assert.False(watch.IsDraining(120, Start));
        Assert.False(watch.IsDraining(120, Start.AddSeconds(1)));
    }

    [Fact]
    public void Growing_counts_are_draining_until_the_hold_has_passed_without_one()
    {
        var watch = new BacklogDrainWatch();
        watch.IsDraining(0, Start);

        Assert.True(watch.IsDraining(3, Start.AddSeconds(1)));
        Assert.True(watch.IsDraining(3, Start.AddSeconds(1) + BacklogDrainWatch.Hold - TimeSpan.FromMilliseconds(1)));
        Assert.True(watch.IsDraining(4, Start.AddSeconds(6)));
        Assert.False(watch.IsDraining(4, Start.AddSeconds(6) + BacklogDrainWatch.Hold));
    }
}
