using System.Globalization;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Uplink.Platforms;

namespace EdgeGateway.DataFlow.Tests.Uplink.Platforms;

/// <summary>History requests answered from what the gateway keeps, or ExeRtn=100 for what it does not (hj212-tcp.md part B, statements 25 and 31).</summary>
public sealed class PlatformHistoryAnswerTests
{
    [Fact]
    public async Task Raw_data_2013_returns_the_stored_readings_of_the_range_one_packet_per_poll_instant_each_after_its_9014_then_9012()
    {
        await using var kit = new PlatformTestKit();
        var connector = new InMemoryPlatformConnector { AnswerUploads = false };
        kit.StartLink(PlatformTestKit.Options(edition: Hj212Edition.Edition2025) with { Uploads = PlatformUploads.None }, connector);
        var host = await connector.NextHostAsync();
        for (var second = 0; second <= 40; second += 10)
        {
            kit.AppendPoll(PlatformTestKit.Start.AddSeconds(second));
        }

        var request = kit.Request("2013", "BeginTime=20260301160010;EndTime=20260301160030");
        await host.SendAsync(request);
        for (var poll = 1; poll <= 3; poll++)
        {
            var received = await host.WaitForAsync(frames => frames.Count(f => f.Cn == "2013") == poll, $"poll {poll}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
            Assert.Equal(poll, host.ReceivedWith("2013").Count);
            Assert.Empty(host.ReceivedWith("9012"));
            await host.AnswerAsync(received.Last(f => f.Cn == "2013").Packet);
        }

        var flow = await host.WaitForAsync(frames => frames.Any(f => f.Cn == "9012"), "the 9012");
        var raw = flow.Where(f => f.Cn == "2013").ToList();
        Assert.Equal(["20260301160010", "20260301160020", "20260301160030"], raw.Select(f => f.DataTime));
        Assert.All(raw, f =>
        {
            Assert.Equal(10.0, double.Parse(f.Packet.Cp.GetValue("a21026-Rtd")!, CultureInfo.InvariantCulture));
            Assert.Equal("N", f.Packet.Cp.GetValue("a21026-Flag"));
            Assert.Equal(11.0, double.Parse(f.Packet.Cp.GetValue("a21002-Rtd")!, CultureInfo.InvariantCulture));
            Assert.Equal(9, f.Packet.Flag!.Value.Value);
            Assert.NotEqual(request.Qn, f.Packet.Qn);
        });
        Assert.Equal("1", flow.Single(f => f.Cn == "9012").Packet.Cp.GetValue("ExeRtn"));
    }

    [Theory]
    [InlineData(Hj212Edition.Edition2025, "2013", "BeginTime=20250101000000;EndTime=20250101010000")]
    [InlineData(Hj212Edition.Edition2025, "2062", "BeginTime=20260301150000;EndTime=20260301170000")]
    [InlineData(Hj212Edition.Edition2017, "2041", "BeginTime=20260301000000,EndTime=20260301170000")]
    public async Task What_the_gateway_does_not_keep_or_an_empty_range_ends_ExeRtn_100(Hj212Edition edition, string cn, string cp)
    {
        await using var kit = new PlatformTestKit();
        var connector = new InMemoryPlatformConnector();
        kit.StartLink(PlatformTestKit.Options(edition: edition), connector);
        var host = await connector.NextHostAsync();
        kit.AppendPoll(PlatformTestKit.Start);
        kit.AppendMinute(0);

        var flow = await HostRequestFlow.RunAsync(host, kit.Request(cn, cp), expect9012: true);

        Assert.Equal(["9011", "9012"], flow.Where(f => f.Cn is "9011" or "9012" or "2013" or "2041" or "2062").Select(f => f.Cn));
        Assert.Equal("1", flow.Single(f => f.Cn == "9011").Packet.Cp.GetValue("QnRtn"));
        Assert.Equal("100", flow.Single(f => f.Cn == "9012").Packet.Cp.GetValue("ExeRtn"));
    }

    [Fact]
    public async Task Raw_data_2013_is_an_unknown_command_to_a_2017_link()
    {
        await using var kit = new PlatformTestKit();
        var connector = new InMemoryPlatformConnector();
        kit.StartLink(PlatformTestKit.Options(), connector);
        var host = await connector.NextHostAsync();

        var flow = await HostRequestFlow.RunAsync(host, kit.Request("2013", "BeginTime=20260301160000;EndTime=20260301160100"), expect9012: false);

        Assert.Equal("8", Assert.Single(flow).Packet.Cp.GetValue("QnRtn"));
    }
}
