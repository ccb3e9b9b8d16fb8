using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using EdgeGateway.Benchmarks.Uplink;
using EdgeGateway.Control.Contract;

namespace EdgeGateway.Benchmarks.FieldLoad;

/// <summary>
/// One row: the service started with a fresh state directory against the row's simulators and the bench's broker,
/// checked to be up with every device answering, left to warm up, then measured over the window, then stopped with
/// SIGTERM as systemd stops it.
/// </summary>
internal sealed class FieldLoadRowRunner(
    FieldLoadOptions options,
    IReadOnlyList<KeyValuePair<string, string>> environment,
    BenchBroker broker,
    TextWriter log)
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    public FieldLoadRow Run(ServiceUnderTest service, int run, int rowNumber, IReadOnlyList<SimulatedBus> buses, SimulatorFleet simulators)
    {
        var devices = buses.Sum(bus => bus.Devices.Count);
        var loadAtStart = LoadAverage.Now();
        var directory = Directory.CreateTempSubdirectory("egw-field-load-").FullName;
        try
        {
            var gatewayId = string.Create(CultureInfo.InvariantCulture, $"field-{rowNumber}");
            var socket = Path.Combine(directory, "control.sock");
            var configFile = Path.Combine(directory, "gateway.json");
            FieldGatewayConfig.Write(configFile, gatewayId, buses, simulators.Ports, broker.Port, Path.Combine(directory, "state"), socket);
            using var subscriber = CountingSubscriber.Start(broker.Port, $"egw/{gatewayId}/readings");
            using var gateway = StartService(service, configFile);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"field-load: {service.Label}, {devices} devices on {buses.Count} buses (run {run}): started, pid {gateway.Process.Id}; load {loadAtStart}"));

            if (WaitUntilAnswering(gateway, socket, devices, subscriber) is { } notStarted)
            {
                return FieldLoadRow.Failed(service.Label, run, devices, buses.Count, loadAtStart, notStarted + gateway.Tail());
            }

            Thread.Sleep(options.WarmUp);
            var loadAtWindow = LoadAverage.Now();
            var pid = gateway.Process.Id;
            var before = GatewayStatusSnapshot.Take(socket);
            var seenBefore = subscriber.Distinct;
            var cpuBefore = ProcessCpu.Of(pid);
            var threadsBefore = ThreadCpuSample.Take(pid);
            var brokerBefore = ProcessCpu.Of(broker.ProcessId);
            var simulatorsBefore = simulators.Cpu();
            var clock = Stopwatch.StartNew();

            Thread.Sleep(options.Window);
            if (gateway.Process.HasExited)
            {
                return FieldLoadRow.Failed(service.Label, run, devices, buses.Count, loadAtStart, $"the service exited during the window with {gateway.Process.ExitCode}" + gateway.Tail());
            }

            var cpu = ProcessCpu.Of(pid) - cpuBefore;
            var threads = ThreadCpuSample.Take(pid);
            var brokerCpu = ProcessCpu.Of(broker.ProcessId) - brokerBefore;
            var simulatorsCpu = simulators.Cpu() - simulatorsBefore;
            var after = GatewayStatusSnapshot.Take(socket);
            var window = clock.Elapsed;
            var seen = subscriber.Distinct - seenBefore;
            var memory = ProcessMemory.Of(pid);
            var loadAtEnd = LoadAverage.Now();

            var readings = after.ReadingsConsumed - before.ReadingsConsumed;
            var failed = after.FailedCycles - before.FailedCycles;
            var errors = after.Errors - before.Errors;
            var exited = simulators.Exited();
            var problem = failed > 0 || errors > 0 || after.DevicesNotAnswering.Count > 0 || exited.Count > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{failed} failed polls and {errors} errors (timeouts, CRC, exceptions, transport) in the window; not answering at the end: {string.Join(", ", after.DevicesNotAnswering)}; simulators gone: {string.Join(", ", exited)}")
                : null;
            var stop = gateway.Terminate();
            if (stop is not null)
            {
                log.WriteLine($"field-load: {service.Label}: {stop}");
            }

            return new FieldLoadRow(
                service.Label,
                run,
                devices,
                buses.Count,
                after.Channels,
                window.TotalSeconds,
                readings,
                seen,
                100 * cpu.TotalSeconds / window.TotalSeconds,
                readings > 0 ? cpu.TotalMicroseconds / readings : double.NaN,
                memory,
                threads.Since(threadsBefore, window),
                100 * brokerCpu.TotalSeconds / window.TotalSeconds,
                100 * simulatorsCpu.TotalSeconds / window.TotalSeconds,
                failed,
                errors,
                loadAtWindow,
                loadAtEnd,
                problem);
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp directory is harmless.
            }
        }
    }

    private ServiceProcess StartService(ServiceUnderTest service, string configFile)
    {
        var (fileName, arguments) = service.Command(configFile);
        var info = new ProcessStartInfo(fileName, arguments)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(configFile)!,
        };
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return ServiceProcess.Start(info);
    }

    // Null once every device has answered, the pipeline consumed readings and the broker delivered some; else why not.
    private static string? WaitUntilAnswering(ServiceProcess gateway, string socket, int devices, CountingSubscriber subscriber)
    {
        var waited = Stopwatch.StartNew();
        var last = "the control socket never answered";
        while (waited.Elapsed < StartLimit)
        {
            if (gateway.Process.HasExited)
            {
                return $"the service did not start: it exited with {gateway.Process.ExitCode}";
            }

            try
            {
                var status = GatewayStatusSnapshot.Take(socket);
                if (status.Devices == devices && status.DevicesNotAnswering.Count == 0 && status.ReadingsConsumed > 0 && subscriber.Distinct > 0)
                {
                    return null;
                }

                last = string.Create(CultureInfo.InvariantCulture, $"{status.Devices} of {devices} devices configured, not answering: {string.Join(", ", status.DevicesNotAnswering.Take(10))}; {subscriber.Distinct} readings at the broker");
            }
            catch (Exception exception) when (exception is ControlUnavailableException or SocketException or IOException)
            {
                last = "the control socket: " + exception.Message;
            }

            Thread.Sleep(250);
        }

        return string.Create(CultureInfo.InvariantCulture, $"the service was not answering for all devices within {StartLimit.TotalSeconds} s: {last}");
    }
}
