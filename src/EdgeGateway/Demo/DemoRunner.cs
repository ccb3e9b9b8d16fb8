using System.Text.Json;
using EdgeGateway.Configuration;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hosting;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Simulator;
using EdgeGateway.Simulator.Faults;
using EdgeGateway.Simulator.Serving;
using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Demo;

/// <summary>
/// The embedded default: simulated analyzers on loopback (a flue-gas outlet on Modbus TCP, a wastewater outlet on
/// RTU over TCP, with an occasional fault), an embedded MQTT broker (or the one given with --broker), and the real
/// service host with a generated gateway.json and a temporary data directory. A subscriber prints what the platform
/// receives. An embedded HJ 212 platform simulator (or the platform given with --hj212) gets the same data as an HJ 212
/// data logger sends it, and prints what it receives. The demo goes through the same configuration loader and host as
/// a cabinet does.
/// </summary>
internal static class DemoRunner
{
    public static int Run(string? brokerUrl, DemoHj212Options hj212, string version, TextWriter output, TextWriter error)
    {
        var profileDirectory = GatewayConfigLoader.DefaultProfileDirectories.FirstOrDefault(directory => Directory.Exists(directory) && Directory.EnumerateFiles(directory, "*.json").Any());
        if (profileDirectory is null)
        {
            error.WriteLine($"edge-gateway: no device profiles found (looked in {string.Join(", ", GatewayConfigLoader.DefaultProfileDirectories)})");
            return 1;
        }

        var profiles = DeviceProfileLoader.LoadDirectory(profileDirectory);
        var cems = profiles.First(profile => profile.Kind == DeviceKind.FlueGas);
        var dust = profiles.First(profile => profile.Kind == DeviceKind.ParticulateFlow);
        var water = profiles.First(profile => profile.Kind == DeviceKind.Wastewater);
        var faults = new SimulatedFaults(FaultRates.Light, seed: Environment.ProcessId);
        var analyzers = DemoAnalyzers.Create(cems, dust, water, TimeProvider.System);
        using var flueGasOutlet = SimulatorServer.Start(
            ModbusEndpoint.Parse("tcp://127.0.0.1:0"),
            new Dictionary<byte, SimulatedAnalyzer> { [1] = analyzers.Cems, [2] = analyzers.Dust },
            new SimulatorServerOptions { Faults = faults });
        using var wastewaterOutlet = SimulatorServer.Start(
            ModbusEndpoint.Parse("rtu+tcp://127.0.0.1:0"),
            new Dictionary<byte, SimulatedAnalyzer> { [5] = analyzers.Water },
            new SimulatorServerOptions { Faults = faults });
        output.WriteLine($"edge-gateway demo: simulated flue-gas outlet on {flueGasOutlet.Endpoint} (slave 1 {cems.Model}, slave 2 {dust.Model})");
        output.WriteLine($"edge-gateway demo: simulated wastewater outlet on {wastewaterOutlet.Endpoint} (slave 5 {water.Model})");
        output.WriteLine(FormattableString.Invariant($"edge-gateway demo: cems.so2 has drifted (reads {DemoAnalyzers.SensorGain} × true + {DemoAnalyzers.SensorOffset} mg/m³): egw analyzer and egw calibrate correct it (docs/technician-guide.md)"));
        output.WriteLine(FormattableString.Invariant($"edge-gateway demo: SO2 climbs over its limit {DemoAnalyzers.So2ExcursionAfter.TotalMinutes:0} min in: a pre-warning on the minute records 2-3 min in, cleared 5-6 min in"));
        output.WriteLine(FormattableString.Invariant($"edge-gateway demo: COD passes its limit {DemoAnalyzers.CodExcursionAfter.TotalMinutes:0} min in: an exceedance 6-7 min in, a retained sample, cleared (egw alarms shows them)"));

        using var embedded = brokerUrl is null ? EmbeddedBroker.Start() : null;
        var broker = brokerUrl ?? $"mqtt://127.0.0.1:{embedded!.Port}";
        if (!Uri.TryCreate(broker, UriKind.Absolute, out var brokerUri) || brokerUri.Scheme != "mqtt")
        {
            error.WriteLine($"edge-gateway: --broker '{broker}' is not mqtt://host[:port]");
            return 2;
        }

        using var embeddedHj212 = hj212.Address is null ? EmbeddedHj212Platform.Start(hj212.Edition, output) : null;
        var hj212Address = hj212.Address ?? embeddedHj212!.Address;
        var edition = hj212.Edition == Hj212Edition.Edition2025 ? "2025" : "2017";

        const string gatewayId = "demo";
        var dataDirectory = Directory.CreateTempSubdirectory("edge-gateway-demo-").FullName;
        var configFile = Path.Combine(dataDirectory, "gateway.json");
        File.WriteAllText(configFile, DemoConfiguration.Write(gatewayId, flueGasOutlet.Endpoint, wastewaterOutlet.Endpoint, broker, profileDirectory, dataDirectory, hj212Address, edition));
        output.WriteLine($"edge-gateway demo: {(embedded is null ? "publishing to" : "embedded MQTT broker on")} {broker}, topics egw/{gatewayId}/#");
        output.WriteLine($"edge-gateway demo: {(embeddedHj212 is null ? "reporting to the HJ 212 platform" : "embedded HJ 212 platform on")} {hj212Address}, HJ 212-{edition} data logger MN {DemoConfiguration.Hj212Mn} PW {DemoConfiguration.Hj212Pw}: replies wanted, OverTime 5 s, ReCount 3, heartbeat 30 s, real-time every 30 s, minute records");
        output.WriteLine($"edge-gateway demo: configuration {configFile}, data in {dataDirectory}");

        var settings = GatewayConfigLoader.Load(configFile, version, out var errors);
        if (settings is null)
        {
            foreach (var problem in errors)
            {
                error.WriteLine($"edge-gateway: {problem}");
            }

            return 1;
        }

        using var host = GatewayHost.Build(settings);
        var runtime = (GatewayRuntime)host.Services.GetService(typeof(GatewayRuntime))!;
        foreach (var bus in runtime.Buses)
        {
            foreach (var device in bus.Devices)
            {
                output.WriteLine($"edge-gateway demo: bus {bus.Name}, {device.Name}: {device.Plan.Summary}");
            }
        }

        var port = brokerUri.IsDefaultPort || brokerUri.Port < 0 ? 1883 : brokerUri.Port;
        // Colour only on a terminal that wants it (https://no-color.org), never into a file or a test's pipe.
        var colour = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
        foreach (var line in DemoLegend.Lines)
        {
            output.WriteLine(line);
        }

        var platform = PlatformView.StartAsync(brokerUri.Host, port, $"egw/{gatewayId}", output, colour).GetAwaiter().GetResult();
        output.WriteLine($"edge-gateway demo: for egw in another terminal: export EGW_SOCKET={settings.ControlSocket}   (then: egw status)");
        using var webConsole = DemoWebConsole.Start(settings.ControlSocket, dataDirectory, output);
        output.WriteLine($"edge-gateway demo: polling every second; below is what the platform receives (MQTT lines 'platform ←'{(embeddedHj212 is null ? string.Empty : ", HJ 212 lines 'hj212 ←'")}). Ctrl+C stops.");
        var exit = (GatewayExit)host.Services.GetService(typeof(GatewayExit))!;
        var lifetime = (IHostApplicationLifetime)host.Services.GetService(typeof(IHostApplicationLifetime))!;
        var stopWatch = new System.Diagnostics.Stopwatch();
        using var statusLine = new DemoStatusPrinter(runtime, (Hosting.Health.GatewayHealthProbe)host.Services.GetService(typeof(Hosting.Health.GatewayHealthProbe))!, output, colour);

        // A stop can take seconds (the outbox's last flush, a platform's open exchange); say so at once.
        using var stopping = lifetime.ApplicationStopping.Register(() =>
        {
            statusLine.Dispose();
            stopWatch.Start();
            output.WriteLine("edge-gateway demo: stopping…");
        });
        host.Run();
        output.WriteLine(FormattableString.Invariant($"edge-gateway demo: the service stopped in {stopWatch.Elapsed.TotalSeconds:0.0} s"));
        platform.DisposeAsync().AsTask().GetAwaiter().GetResult();

        foreach (var bus in runtime.Buses)
        {
            foreach (var health in bus.Health)
            {
                output.WriteLine($"edge-gateway demo: {health.DeviceName}: {health.Cycles} cycles, {health.Transactions} transactions, {health.Timeouts} timeouts, {health.CrcErrors} CRC errors, {health.Exceptions} exceptions");
            }
        }

        var published = runtime.Publisher.Statistics;
        output.WriteLine($"edge-gateway demo: {runtime.Consumer.Consumed} readings consumed, {runtime.Ring.Rejected} refused; outbox up to sequence {runtime.Outbox.LastSequence}, acknowledged prefix {runtime.Outbox.AcknowledgedPrefix}; {published.MessagesAcknowledged} messages ({published.RecordsAcknowledged} records) acknowledged by the broker, {published.MessagesFailed} failed");
        output.WriteLine($"edge-gateway demo: stopped (data left in {dataDirectory})");
        return exit.Code;
    }
}
