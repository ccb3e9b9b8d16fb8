using System.Net;
using System.Text.Json;
using EdgeGateway.Interop.Tests.Cli;
using EdgeGateway.Simulator.Hj212Platform;

namespace EdgeGateway.Interop.Tests.Hj212Platform;

/// <summary><c>egw simulate-platform</c> run in-process against a logger played over a real socket.</summary>
public sealed class SimulatePlatformCommandTests
{
    [Fact]
    public async Task Prints_a_line_per_packet_with_its_problems_and_answers_it()
    {
        await using var run = SimulatePlatformRun.Start("--listen", "127.0.0.1:0", "--mn", LoggerPackets.Mn, "--pw", "654321");
        var start = await run.WaitForLineAsync(1);
        Assert.Matches(@"^listening on 127\.0\.0\.1:\d+ as an HJ 212-2017 platform$", start);

        using var logger = await RawLogger.ConnectAsync(EndpointOf(start));
        await logger.SendAsync(LoggerPackets.Minute("20261207101500001", "20261207101400"));
        Assert.Equal("9014", (await logger.ReadPacketAsync()).Cn);

        var line = await run.WaitForLineAsync(2);
        Assert.Matches(
            @"^\d\d:\d\d:\d\d\.\d{3} #1 conn 1 CN=2051 QN=20261207101500001 MN=010000A8900016F000169DC0 CP=DataTime=20261207101400;w01018-Avg=2\.5,w01018-Flag=N ! PW '123456' is not the expected '654321'$",
            line);
        Assert.Equal(global::EdgeGateway.Cli.ExitCodes.Ok, await run.StopAsync());
        Assert.Equal("stopped: 1 packets on 1 connections, 1 with problems, 1 replies and commands sent, 0 replies dropped", run.Lines[^1]);
    }

    [Fact]
    public async Task Json_lines_and_dropped_replies()
    {
        await using var run = SimulatePlatformRun.Start("--listen", "127.0.0.1:0", "--edition", "2025", "--drop-replies", "1", "--json");
        var start = JsonDocument.Parse(await run.WaitForLineAsync(1)).RootElement;
        Assert.Equal("2025", start.GetProperty("edition").GetString());

        using var logger = await RawLogger.ConnectAsync(IPEndPoint.Parse(start.GetProperty("listening").GetString()!));
        await logger.SendAsync(LoggerPackets.Heartbeat("20261207101500001"));
        await logger.SendAsync(LoggerPackets.Heartbeat("20261207101500002"));
        // The first heartbeat's 9013 was dropped.
        Assert.Equal("20261207101500002", (await logger.ReadPacketAsync()).Qn);

        var packet = JsonDocument.Parse(await run.WaitForLineAsync(2)).RootElement;
        Assert.Equal("9015", packet.GetProperty("cn").GetString());
        Assert.Equal("20261207101500001", packet.GetProperty("qn").GetString());
        Assert.Equal(0, packet.GetProperty("problems").GetArrayLength());
        Assert.Equal(global::EdgeGateway.Cli.ExitCodes.Ok, await run.StopAsync());
        Assert.Contains("1 replies dropped", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_is_unavailable()
    {
        await using var first = Hj212PlatformSimulator.Start("127.0.0.1:0");

        var result = Egw.Run("simulate-platform", "--listen", $"127.0.0.1:{first.Endpoint.Port}");

        Assert.Equal(global::EdgeGateway.Cli.ExitCodes.Unavailable, result.ExitCode);
        Assert.Contains($"cannot listen on 127.0.0.1:{first.Endpoint.Port}", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--listen", "localhost")]
    [InlineData("--listen", "127.0.0.1:9000", "--edition", "2005")]
    [InlineData("--listen", "127.0.0.1:9000", "--no-replies", "--drop-replies", "2")]
    public void A_bad_command_line_is_a_usage_error(params string[] args)
    {
        var result = Egw.Run(["simulate-platform", .. args]);

        Assert.Equal(global::EdgeGateway.Cli.ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("egw: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_names_every_option()
    {
        var result = Egw.Run("simulate-platform", "--help");

        Assert.Equal(global::EdgeGateway.Cli.ExitCodes.Ok, result.ExitCode);
        foreach (var option in new[] { "--listen", "--edition", "--mn", "--pw", "--no-replies", "--drop-replies", "--json" })
        {
            Assert.Contains(option, result.Output, StringComparison.Ordinal);
        }
    }

    private static IPEndPoint EndpointOf(string startLine) =>
        IPEndPoint.Parse(startLine.Split(' ')[2]);
}
