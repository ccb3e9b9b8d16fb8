using EdgeGateway.Hj212.Packets;
using EdgeGateway.Pipeline;
using EdgeGateway.Uplink.Platforms;

namespace EdgeGateway.DataFlow.Tests.Uplink.Platforms;

/// <summary>
/// Run state (CN 2021): the run-state channels' readings go to the platform as <c>DataTime=…;SB1-RS=1;…</c>, one per
/// RealTimeInterval window, while the run-state upload is on (configured, or a host 2021; a host 2022 stops it).
/// </summary>
public sealed class PlatformRunStateTests
{
    private const int So2 = 0;
    private const int Desulfurizer = 1;
    private const int DustCollector = 2;
    private const int Nox = 3;

    [Fact]
    public async Task A_2021_request_starts_run_state_uploads_one_per_interval_and_a_2022_answered_9013_only_stops_them()
    {
        var (kit, _, host) = await ConnectAsync(PlatformTestKit.Options() with { Uploads = PlatformUploads.RealTime });
        await using var disposeKit = kit;
        AppendPoll(kit, PlatformTestKit.Start, desulfurizer: 1, dustCollector: 0);
        await WaitAllAcknowledgedAsync(kit, "the first poll");
        Assert.Empty(host.ReceivedWith("2021"));

        var started = await RunAsync(host, kit.Request("2021"), "9012");
        AppendPoll(kit, PlatformTestKit.Start.AddMinutes(1), desulfurizer: 1, dustCollector: 4);
        AppendPoll(kit, PlatformTestKit.Start.AddMinutes(1).AddSeconds(10), desulfurizer: 3, dustCollector: 4);
        await WaitAllAcknowledgedAsync(kit, "the polls after 2021");
        var during = host.ReceivedWith("2021");
        var stopped = await RunAsync(host, kit.Request("2022"), "9013");
        AppendPoll(kit, PlatformTestKit.Start.AddMinutes(2), desulfurizer: 1, dustCollector: 1);
        await WaitAllAcknowledgedAsync(kit, "the poll after 2022");

        Assert.Equal(["9011", "9012"], started.Select(frame => frame.Cn));
        Assert.Equal(["9013"], stopped.Select(frame => frame.Cn));
        var runState = Assert.Single(during);
        Assert.Contains(";CN=2021;PW=123456;MN=88888880000001;Flag=5;CP=&&DataTime=20260301160100;SB1-RS=1;SB2-RS=4&&", runState.Segment, StringComparison.Ordinal);
        Assert.Equal(during, host.ReceivedWith("2021"));
        Assert.Equal(["20260301160000", "20260301160100", "20260301160200"], host.ReceivedWith("2011").Select(frame => frame.DataTime));
        // One 2011 per poll, also when the run states between its factors were acknowledged unsent.
        Assert.All(host.ReceivedWith("2011"), frame => Assert.Equal(["a21026", "a21002"], frame.Packet.Cp.GetFactorCodes()));
    }

    [Fact]
    public async Task Configured_run_state_goes_without_real_time_and_a_reading_without_a_state_is_left_out()
    {
        var (kit, _, host) = await ConnectAsync(PlatformTestKit.Options() with { Uploads = PlatformUploads.RunState });
        await using var disposeKit = kit;

        AppendPoll(kit, PlatformTestKit.Start, desulfurizer: double.NaN, dustCollector: 5);
        await WaitAllAcknowledgedAsync(kit, "the poll");

        var runState = Assert.Single(host.ReceivedWith("2021"));
        Assert.Equal("DataTime=20260301160000;SB2-RS=5", runState.Packet.Cp.ToString());
        Assert.Empty(host.ReceivedWith("2011"));
    }

    [Fact]
    public async Task Without_run_state_channels_a_2021_request_is_answered_and_nothing_follows()
    {
        await using var kit = new PlatformTestKit();
        var connector = new InMemoryPlatformConnector();
        kit.StartLink(PlatformTestKit.Options() with { Uploads = PlatformUploads.RealTime }, connector);
        var host = await connector.NextHostAsync();

        var started = await RunAsync(host, kit.Request("2021"), "9012");
        kit.AppendPoll(PlatformTestKit.Start);
        await WaitAllAcknowledgedAsync(kit, "the poll");

        Assert.Equal(["9011", "9012"], started.Select(frame => frame.Cn));
        Assert.Equal("1", started[1].Packet.Cp.GetValue("ExeRtn"));
        Assert.Single(host.ReceivedWith("2011"));
        Assert.Empty(host.ReceivedWith("2021"));
    }

    private static ChannelTable Channels() => new(
    [
        new ChannelDefinition(So2, "cems", "so2", "a21026", "mg/m³", null),
        new ChannelDefinition(Desulfurizer, "cems", "desulfurizer", "SB1", "", null, ChannelKind.RunState),
        new ChannelDefinition(DustCollector, "cems", "dust-collector", "SB2", "", null, ChannelKind.RunState),
        new ChannelDefinition(Nox, "cems", "nox", "a21002", "mg/m³", null),
    ]);

    // One poll of the four channels, the run states between the factors; a NaN state is what the validator makes of a register value the profile does not list.
    private static void AppendPoll(PlatformTestKit kit, DateTimeOffset time, double desulfurizer, double dustCollector)
    {
        kit.Outbox.Append(
            [
                new Reading(So2, time.UtcTicks, 30, 30, DataFlag.N, FlagReason.None),
                StateReading(Desulfurizer, time, desulfurizer),
                StateReading(DustCollector, time, dustCollector),
                new Reading(Nox, time.UtcTicks, 40, 40, DataFlag.N, FlagReason.None),
            ],
            [],
            []);
        kit.Durability.Advance(kit.Outbox.DurableSequence);
    }

    private static Reading StateReading(int channel, DateTimeOffset time, double state) => double.IsFinite(state)
        ? new Reading(channel, time.UtcTicks, state, state, DataFlag.N, FlagReason.None)
        : new Reading(channel, time.UtcTicks, 7, double.NaN, DataFlag.D, FlagReason.UnknownRunState);

    private static Task WaitAllAcknowledgedAsync(PlatformTestKit kit, string what) =>
        PlatformTestKit.WaitUntilAsync(() => kit.Outbox.GetBacklog("hj212:p1").UnacknowledgedCount == 0, what + " acknowledged for p1");

    private static async Task<(PlatformTestKit Kit, PlatformLink Link, FakePlatformHost Host)> ConnectAsync(PlatformOptions options)
    {
        var kit = new PlatformTestKit(Channels());
        var connector = new InMemoryPlatformConnector();
        var link = kit.StartLink(options, connector);
        var host = await connector.NextHostAsync();
        return (kit, link, host);
    }

    /// <summary>Sends <paramref name="request"/> and returns the gateway's frames with its QN, up to the one of <paramref name="last"/>.</summary>
    private static async Task<IReadOnlyList<ReceivedFrame>> RunAsync(FakePlatformHost host, Hj212Packet request, string last)
    {
        await host.SendAsync(request);
        var received = await host.WaitForAsync(frames => frames.Any(frame => frame.Cn == last && frame.Packet.Qn == request.Qn), last + " for " + request.Cn);
        return received.Where(frame => frame.Packet.Qn == request.Qn).ToList();
    }
}
