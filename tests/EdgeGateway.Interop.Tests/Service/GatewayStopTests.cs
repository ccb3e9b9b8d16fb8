using EdgeGateway.Interop.Tests.Mqtt;
using EdgeGateway.Interop.Tests.Peers;
using EdgeGateway.Storage;

namespace EdgeGateway.Interop.Tests.Service;

/// <summary>The stop on SIGTERM: the ring drained into the outbox, and only then the last save and flush.</summary>
public sealed class GatewayStopTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Issue 15's field-trial failure: under libfaketime with an unfaked monotonic clock every timed wait returns at
    /// once, so the stop's 15 s wait for the consumer returned at once too, and the stop flushed the outbox and saved the
    /// aggregation beside a consumer still writing: "did not finish draining within 15 s", then SIGABRT (exit 134) or
    /// an ObjectDisposedException (exit 1). A timed wait that returns early must not let the stop run ahead.
    /// </summary>
    [Fact]
    public async Task A_stop_whose_timed_waits_return_at_once_still_waits_for_the_consumer_and_exits_0()
    {
        var faketime = PeerRequirements.RequireLibfaketime();
        await using var site = await ServiceTestSite.StartAsync();
        var brokenTimedWaits = new Dictionary<string, string>
        {
            ["LD_PRELOAD"] = faketime,
            ["FAKETIME"] = "+3600",
            ["FAKETIME_DONT_FAKE_MONOTONIC"] = "1",
        };
        for (var stop = 1; stop <= 2; stop++)
        {
            using var gateway = GatewayProcess.Start(["--config", site.ConfigFile], brokenTimedWaits);
            var before = PlatformStream.Readings(site.Platform.Messages).Count;
            await Poll.UntilAsync(() => PlatformStream.Readings(site.Platform.Messages).Count >= before + 40, Timeout, () => $"40 readings before stop {stop}\n" + gateway.Output);

            var exitCode = gateway.Terminate(TimeSpan.FromSeconds(30));
            Assert.True(exitCode is not null, $"SIGTERM did not stop the gateway within 30 s (stop {stop}):\n" + gateway.Output);
            Assert.True(exitCode == 0, $"stop {stop} exited {exitCode}:\n" + gateway.Output);
            Assert.DoesNotContain("did not finish draining", gateway.Output, StringComparison.Ordinal);
            Assert.Contains("Pipeline stopped", gateway.Output, StringComparison.Ordinal);
        }

        // What the two runs stored is whole: the store opens cleanly and holds at least what the platform received.
        using var outbox = SqliteOutbox.Open(new SqliteOutboxOptions { Path = Path.Combine(site.StateDirectory, "outbox.db") });
        Assert.True(outbox.LastSequence >= PlatformStream.HighestSequence(site.Platform.Messages));
    }
}
