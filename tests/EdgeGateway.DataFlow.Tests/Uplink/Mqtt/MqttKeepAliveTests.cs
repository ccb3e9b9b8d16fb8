using EdgeGateway.Uplink.Mqtt;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace EdgeGateway.DataFlow.Tests.Uplink.Mqtt;

/// <summary>The link's keep-alive scheduler on a fake clock: one wake per period at most, a ping only after a whole idle period.</summary>
public sealed class MqttKeepAliveTests
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Wakes_at_most_once_per_period_and_never_pings_while_packets_flow()
    {
        var peer = new FakeKeepAlivePeer(_time);
        using var stop = new CancellationTokenSource();
        Task<string?> keepAlive = MqttKeepAlive.RunAsync(peer, Period, _time, stop.Token);

        // A publish every second for a minute: MQTTnet's loop would have woken 240 times.
        for (int second = 0; second < 60; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            peer.Send();
        }

        Assert.Equal(0, peer.Pings);
        // One look when it starts, then one wake per period (each lands up to a packet interval before the period ends).
        Assert.InRange(peer.Reads, 1, (60 / 10) + 2);
        Assert.False(keepAlive.IsCompleted);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => keepAlive);
    }

    [Fact]
    public async Task Pings_once_a_whole_period_has_passed_without_a_packet_and_not_before()
    {
        var peer = new FakeKeepAlivePeer(_time);
        using var stop = new CancellationTokenSource();
        Task<string?> keepAlive = MqttKeepAlive.RunAsync(peer, Period, _time, stop.Token);

        _time.Advance(Period - TimeSpan.FromMilliseconds(1));
        int beforeThePeriod = peer.Pings;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await UntilAsync(() => peer.Pings == 1, "the first ping");
        _time.Advance(Period);
        await UntilAsync(() => peer.Pings == 2, "the second ping");

        Assert.Equal(0, beforeThePeriod);
        Assert.InRange(peer.Reads, 1, 5);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => keepAlive);
    }

    [Fact]
    public async Task A_ping_unanswered_for_half_a_period_ends_the_keep_alive_with_the_reason()
    {
        var peer = new FakeKeepAlivePeer(_time) { Answer = FakePingAnswer.Unanswered };
        Task<string?> keepAlive = MqttKeepAlive.RunAsync(peer, Period, _time, TestContext.Current.CancellationToken);

        _time.Advance(Period);
        await UntilAsync(() => peer.Pings == 1, "the ping");
        _time.Advance((Period / 2) - TimeSpan.FromMilliseconds(1));
        bool endedEarly = keepAlive.IsCompleted;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        string? failure = await keepAlive.WaitAsync(Deadline, TestContext.Current.CancellationToken);

        Assert.False(endedEarly);
        Assert.Contains("no PINGRESP within 5 s", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_ping_ends_the_keep_alive_with_the_reason()
    {
        var peer = new FakeKeepAlivePeer(_time) { Answer = FakePingAnswer.Failing };
        Task<string?> keepAlive = MqttKeepAlive.RunAsync(peer, Period, _time, TestContext.Current.CancellationToken);

        _time.Advance(Period);
        string? failure = await keepAlive.WaitAsync(Deadline, TestContext.Current.CancellationToken);

        Assert.Contains("Connection reset by peer", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ends_without_a_ping_when_it_finds_the_connection_lost()
    {
        var peer = new FakeKeepAlivePeer(_time);
        Task<string?> keepAlive = MqttKeepAlive.RunAsync(peer, Period, _time, TestContext.Current.CancellationToken);

        peer.IsConnected = false;
        _time.Advance(Period);
        string? failure = await keepAlive.WaitAsync(Deadline, TestContext.Current.CancellationToken);

        Assert.Null(failure);
        Assert.Equal(0, peer.Pings);
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!condition())
        {
            Assert.False(deadline.IsCancellationRequested, $"timed out waiting for {what}");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
