using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Packets;
using EdgeGateway.Uplink.Platforms;

namespace EdgeGateway.DataFlow.Tests.Uplink.Platforms;

/// <summary>A link connected to a fake platform, and host requests run against it up to their 9011 or 9012.</summary>
internal static class HostRequestFlow
{
    public static async Task<(PlatformTestKit Kit, PlatformLink Link, FakePlatformHost Host)> ConnectAsync(
        PlatformOptions? options = null, IPlatformDeviceCommands? devices = null, int channels = 2)
    {
        var kit = new PlatformTestKit(channels);
        var connector = new InMemoryPlatformConnector();
        var link = kit.StartLink(options ?? PlatformTestKit.Options(), connector, devices);
        var host = await connector.NextHostAsync();
        return (kit, link, host);
    }

    /// <summary>A host request of the 2025 edition (Flag 9: reply wanted).</summary>
    public static Hj212Packet Request2025(this PlatformTestKit kit, string cn, string cp = "", string mn = PlatformTestKit.Mn) =>
        kit.Request(cn, cp, mn: mn) with { Flag = Hj212Flag.Create(Hj212Edition.Edition2025, acknowledgementRequired: true) };

    /// <summary>Sends <paramref name="request"/> and returns what followed it: its 9011, then (when expected) up to its 9012.</summary>
    public static async Task<IReadOnlyList<ReceivedFrame>> RunAsync(FakePlatformHost host, Hj212Packet request, bool expect9012)
    {
        var before = host.Received.Count;
        await host.SendAsync(request);
        var end = expect9012 ? "9012" : "9011";
        var received = await host.WaitForAsync(frames => frames.Skip(before).Any(f => f.Cn == end && f.Packet.Qn == request.Qn), end + " for " + request.Cn);
        if (!expect9012)
        {
            await Task.Delay(100);
            received = host.Received;
            Assert.DoesNotContain(received.Skip(before), f => f.Cn == "9012" && f.Packet.Qn == request.Qn);
        }

        return received.Skip(before).ToList();
    }

    public static string? QnRtn(this IReadOnlyList<ReceivedFrame> flow) => flow.Single(f => f.Cn == "9011").Packet.Cp.GetValue("QnRtn");

    public static string? ExeRtn(this IReadOnlyList<ReceivedFrame> flow) => flow.Single(f => f.Cn == "9012").Packet.Cp.GetValue("ExeRtn");
}
