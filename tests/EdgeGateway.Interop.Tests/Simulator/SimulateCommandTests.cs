using System.CommandLine;
using EdgeGateway.Cli;
using EdgeGateway.Cli.Commands.Simulate;
using EdgeGateway.Interop.Tests.Peers;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Simulator.Serving;

namespace EdgeGateway.Interop.Tests.Simulator;

/// <summary><c>egw simulate</c> run in-process: the start line, serving until cancelled, and its failures.</summary>
public sealed class SimulateCommandTests
{
    [Fact]
    public async Task ServesAProfileOverTcpUntilCancelled()
    {
        await using var run = SimulateRun.Start("simulate", "--profile", ShippedProfiles.PathOf(ShippedProfiles.FlueGas), "--listen", "tcp://127.0.0.1:0");
        var line = await run.WaitForStartLineAsync();

        Assert.Matches(@"^serving cems-generic-flue-gas as slave 1 on tcp://127\.0\.0\.1:\d+$", line);
        using (var master = ModbusConnectionFactory.CreateMaster(EndpointOf(line), new ModbusMasterOptions { Retries = 0 }))
        {
            var so2 = ChannelReads.Channel(ShippedProfiles.Load(ShippedProfiles.FlueGas), "so2");
            Assert.InRange(ChannelReads.Read(master, 1, so2), so2.Range!.Min, so2.Range.Max);
        }

        var exitCode = await run.StopAsync();
        Assert.Equal(global::EdgeGateway.Cli.ExitCodes.Ok, exitCode);
        Assert.Contains("stopped: 1 requests served, 0 faults injected", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FurtherProfilesTakeTheNextSlaveIds()
    {
        await using var run = SimulateRun.Start(
            "simulate",
            "--profile", ShippedProfiles.PathOf(ShippedProfiles.FlueGas),
            "--profile", ShippedProfiles.PathOf(ShippedProfiles.Wastewater),
            "--listen", "rtu+tcp://127.0.0.1:0",
            "--slave", "5",
            "--faults", "light",
            "--seed", "3");
        var line = await run.WaitForStartLineAsync();

        Assert.Matches(@"^serving cems-generic-flue-gas as slave 5, wastewater-cod-nh3n as slave 6 on rtu\+tcp://127\.0\.0\.1:\d+ with light faults$", line);
        using (var master = ModbusConnectionFactory.CreateMaster(EndpointOf(line), new ModbusMasterOptions { Retries = 3 }))
        {
            var ph = ChannelReads.Channel(ShippedProfiles.Load(ShippedProfiles.Wastewater), "ph");
            Assert.InRange(ChannelReads.Read(master, 6, ph), 6.7, 7.3);
        }

        Assert.Equal(global::EdgeGateway.Cli.ExitCodes.Ok, await run.StopAsync());
    }

    [Fact]
    public async Task ServesOnAPty()
    {
        using var line = SocatPtyPair.Start();
        await using var run = SimulateRun.Start("simulate", "--profile", ShippedProfiles.PathOf(ShippedProfiles.ParticulateFlow), "--listen", line.PathA);
        Assert.Equal($"serving particulate-flow-meter as slave 1 on {line.PathA}", await run.WaitForStartLineAsync());

        using (var master = ModbusConnectionFactory.CreateMaster(ModbusEndpoint.Parse(line.PathB), new ModbusMasterOptions { Retries = 0 }))
        {
            var velocity = ChannelReads.Channel(ShippedProfiles.Load(ShippedProfiles.ParticulateFlow), "velocity");
            Assert.InRange(ChannelReads.Read(master, 1, velocity), 5, 20);
        }

        Assert.Equal(global::EdgeGateway.Cli.ExitCodes.Ok, await run.StopAsync());
    }

    [Fact]
    public async Task ABadProfileNamesItsFileAndChannel()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("egw-sim-").FullName, "broken.json");
        await File.WriteAllTextAsync(
            file,
            """{ "model": "broken", "kind": "flue-gas", "channels": [ { "id": "so2", "code": "a21026", "name": "SO2", "table": "input", "address": 0, "type": "f33" } ] }""",
            TestContext.Current.CancellationToken);

        await using var run = SimulateRun.Start("simulate", "--profile", file, "--listen", "tcp://127.0.0.1:0");
        var exitCode = await run.StopAsync();

        Assert.Equal(global::EdgeGateway.Cli.ExitCodes.Failed, exitCode);
        Assert.Contains(file, run.Error, StringComparison.Ordinal);
        Assert.Contains("'so2'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("serving", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APortInUseIsUnavailable()
    {
        var analyzer = new EdgeGateway.Simulator.SimulatedAnalyzer(ShippedProfiles.Load(ShippedProfiles.FlueGas));
        using var first = SimulatorServer.Start("tcp://127.0.0.1:0", analyzer);

        await using var run = SimulateRun.Start("simulate", "--profile", ShippedProfiles.PathOf(ShippedProfiles.FlueGas), "--listen", $"tcp://127.0.0.1:{first.Endpoint.Port}");
        var exitCode = await run.StopAsync();

        Assert.Equal(global::EdgeGateway.Cli.ExitCodes.Unavailable, exitCode);
        Assert.Contains("address already in use", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AListenAddressThatIsNotAnEndpointIsAUsageError()
    {
        var console = new CliConsole(new StringWriter(), new StringWriter());
        var root = new RootCommand { SimulateCommand.Create(console) };
        var parse = root.Parse(["simulate", "--profile", "x.json", "--listen", "udp://127.0.0.1:5"]);
        Assert.NotEmpty(parse.Errors);
        Assert.Contains(parse.Errors, error => error.Message.Contains("udp://", StringComparison.Ordinal));
    }

    /// <summary>The endpoint in "serving ... on ENDPOINT[ with ... faults]".</summary>
    private static ModbusEndpoint EndpointOf(string startLine) =>
        ModbusEndpoint.Parse(startLine[(startLine.LastIndexOf(" on ", StringComparison.Ordinal) + 4)..].Split(' ')[0]);
}
