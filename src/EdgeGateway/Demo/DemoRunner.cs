using EdgeGateway.Core.FieldBus.Polling;
using EdgeGateway.Core.FieldBus.Profiles;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Simulator;
using EdgeGateway.Simulator.Faults;
using EdgeGateway.Simulator.Serving;

namespace EdgeGateway.Demo;

/// <summary>
/// The embedded default: simulated analyzers on loopback (a flue-gas outlet on Modbus TCP, a wastewater outlet on
/// RTU over TCP, with an occasional fault) polled by the gateway's field-bus side. The pipeline, storage and the
/// MQTT uplink join it as they are built.
/// </summary>
internal static class DemoRunner
{
    public static int Run(TextWriter output, TextWriter error, CancellationToken stop)
    {
        var directory = ProfileDirectory.Find();
        if (directory is null)
        {
            error.WriteLine("edge-gateway: no device profiles found (looked next to the binary, in /usr/share/edge-gateway/profiles and in ./hardware/profiles)");
            return 1;
        }

        var profiles = DeviceProfileLoader.LoadDirectory(directory);
        var cems = profiles.First(profile => profile.Kind == DeviceKind.FlueGas);
        var dust = profiles.First(profile => profile.Kind == DeviceKind.ParticulateFlow);
        var water = profiles.First(profile => profile.Kind == DeviceKind.Wastewater);
        var faults = new SimulatedFaults(FaultRates.Light, seed: Environment.ProcessId);

        using var flueGasOutlet = SimulatorServer.Start(
            ModbusEndpoint.Parse("tcp://127.0.0.1:0"),
            new Dictionary<byte, SimulatedAnalyzer> { [1] = new(cems), [2] = new(dust) },
            new SimulatorServerOptions { Faults = faults });
        using var wastewaterOutlet = SimulatorServer.Start(
            ModbusEndpoint.Parse("rtu+tcp://127.0.0.1:0"),
            new Dictionary<byte, SimulatedAnalyzer> { [5] = new(water) },
            new SimulatorServerOptions { Faults = faults });

        output.WriteLine($"edge-gateway demo: simulated flue-gas outlet on {flueGasOutlet.Endpoint} (slave 1 {cems.Model}, slave 2 {dust.Model})");
        output.WriteLine($"edge-gateway demo: simulated wastewater outlet on {wastewaterOutlet.Endpoint} (slave 5 {water.Model})");
        output.WriteLine("edge-gateway demo: polling every second; Ctrl+C stops. (Storage and the MQTT uplink are not built yet.)");

        var settings = new DevicePollSettings { PollInterval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromMilliseconds(300) };
        var sink = new ConsolePollSink(output);
        BusPoller[] buses =
        [
            new("flue-gas", ModbusConnectionFactory.CreateMaster(flueGasOutlet.Endpoint, new ModbusMasterOptions()), [PolledDevice.Create("cems", 1, cems, settings), PolledDevice.Create("dust", 2, dust, settings)], sink),
            new("wastewater", ModbusConnectionFactory.CreateMaster(wastewaterOutlet.Endpoint, new ModbusMasterOptions()), [PolledDevice.Create("water", 5, water, settings)], sink),
        ];
        foreach (var bus in buses)
        {
            foreach (var device in bus.Devices)
            {
                output.WriteLine($"edge-gateway demo: bus {bus.Name}, {device.Name}: {device.Plan.Summary}");
            }
        }

        var threads = buses.Select(bus => bus.Start(stop)).ToArray();
        stop.WaitHandle.WaitOne();
        foreach (var thread in threads)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }

        foreach (var bus in buses)
        {
            foreach (var health in bus.Health)
            {
                output.WriteLine($"edge-gateway demo: {health.DeviceName}: {health.Cycles} cycles, {health.Transactions} transactions, {health.Timeouts} timeouts, {health.CrcErrors} CRC errors, {health.Exceptions} exceptions");
            }
        }

        output.WriteLine("edge-gateway demo: stopped");
        return 0;
    }
}
