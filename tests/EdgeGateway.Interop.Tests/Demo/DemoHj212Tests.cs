using EdgeGateway.Demo;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Simulator.Hj212Platform;

namespace EdgeGateway.Interop.Tests.Demo;

/// <summary>
/// The demo as an HJ 212 data logger: its embedded platform simulator prints what it receives; with --hj212 it reports
/// to the given platform with the settings a provincial platform asks for; a bad option is refused with exit code 2.
/// </summary>
public sealed class DemoHj212Tests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public void The_demo_prints_what_its_embedded_hj212_platform_receives_and_stops_on_sigint()
    {
        using var demo = DemoProcess.Start("--demo");
        var shown = demo.WaitForLine(line => line.Contains(" hj212 ← CN=2011 ", StringComparison.Ordinal) || line.Contains(" hj212 ← CN=2051 ", StringComparison.Ordinal), Deadline);
        Assert.True(shown, "no HJ 212 real-time or minute packet reached the embedded platform:\n" + demo.Transcript);
        Assert.Contains(demo.Lines, line => line.StartsWith("edge-gateway demo: embedded HJ 212 platform on tcp://127.0.0.1:", StringComparison.Ordinal) && line.Contains("MN " + DemoConfiguration.Hj212Mn, StringComparison.Ordinal));

        demo.Interrupt();
        Assert.True(demo.Process.WaitForExit(TimeSpan.FromSeconds(15)), "the demo did not stop within 15 s of SIGINT");
        demo.Process.WaitForExit();
        Assert.Equal(0, demo.Process.ExitCode);

        // The embedded platform checks every packet (PW, MN, Flag, QN, time fields…): the demo's are clean.
        Assert.DoesNotContain(demo.Lines, line => line.Contains(" hj212 ← ", StringComparison.Ordinal) && line.Contains(" ! ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2017", Hj212Edition.Edition2017)]
    [InlineData("2025", Hj212Edition.Edition2025)]
    public async Task With_hj212_the_demo_reports_to_that_platform_with_pw_123456_and_replies_wanted(string edition, Hj212Edition expected)
    {
        await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0", new Hj212PlatformSimulatorOptions { Edition = expected, ExpectedPw = "123456" });
        using var demo = DemoProcess.Start("--demo", "--hj212", $"tcp://127.0.0.1:{platform.Endpoint.Port}", "--hj212-edition", edition);

        var realTime = await platform.WaitForAsync(record => record.Cn == "2011", Deadline, TestContext.Current.CancellationToken);
        var packet = realTime.Packet;
        Assert.NotNull(packet);
        Assert.Equal("123456", packet.Pw);
        Assert.True(packet.Flag?.AcknowledgementRequired, $"Flag {packet.Flag} does not ask for a reply");
        Assert.Equal(expected, packet.Flag?.Edition);
        Assert.Empty(realTime.Problems);

        // The simulated CEMS's desulfurizer runs: its run state comes as 2021, right after a 2011.
        var runState = await platform.WaitForAsync(record => record.Cn == "2021", Deadline, TestContext.Current.CancellationToken);
        Assert.Equal("1", runState.Packet?.Cp.GetValue("SB1-RS"));
        Assert.Empty(runState.Problems);

        // The MN the platform's operator registers is the one printed at start.
        Assert.Contains(demo.Lines, line => line.StartsWith($"edge-gateway demo: reporting to the HJ 212 platform tcp://127.0.0.1:{platform.Endpoint.Port}, HJ 212-{edition}", StringComparison.Ordinal) && line.Contains("MN " + packet.Mn, StringComparison.Ordinal));
        Assert.DoesNotContain(demo.Lines, line => line.Contains(" hj212 ← ", StringComparison.Ordinal));
        demo.Interrupt();
        Assert.True(demo.Process.WaitForExit(TimeSpan.FromSeconds(15)), "the demo did not stop within 15 s of SIGINT");
    }

    [Theory]
    [InlineData("--hj212", "http://127.0.0.1:9000", "--hj212 'http://127.0.0.1:9000' is not tcp://host:port")]
    [InlineData("--hj212", "tcp://127.0.0.1", "--hj212 'tcp://127.0.0.1' has no port")]
    [InlineData("--hj212-edition", "2020", "--hj212-edition '2020' is not 2017 or 2025")]
    public void A_bad_hj212_option_exits_2_naming_the_option(string option, string value, string message)
    {
        using var demo = DemoProcess.Start("--demo", option, value);
        Assert.True(demo.Process.WaitForExit(TimeSpan.FromSeconds(30)), "the demo did not refuse the option");
        demo.Process.WaitForExit();
        Assert.Equal(2, demo.Process.ExitCode);
        Assert.Contains(demo.Lines, line => line.StartsWith("edge-gateway: " + message, StringComparison.Ordinal));
        Assert.DoesNotContain(demo.Lines, line => line.StartsWith("edge-gateway demo:", StringComparison.Ordinal));
    }

    [Fact]
    public void Hj212_applies_to_the_demo_only()
    {
        using var demo = DemoProcess.Start("--hj212", "tcp://127.0.0.1:9000");
        Assert.True(demo.Process.WaitForExit(TimeSpan.FromSeconds(30)), "edge-gateway did not refuse the option");
        demo.Process.WaitForExit();
        Assert.Equal(2, demo.Process.ExitCode);
        Assert.Contains(demo.Lines, line => line.StartsWith("edge-gateway: --hj212 applies to --demo only", StringComparison.Ordinal));
    }
}
