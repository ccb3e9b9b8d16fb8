using System.Globalization;
using EdgeGateway.Benchmarks.Uplink;
using EdgeGateway.Control.Contract;

namespace EdgeGateway.Benchmarks.FieldLoad;

/// <summary>
/// What a cabinet pays: the published service under N simulated analyzers polled once a second, with mosquitto, after
/// a warm-up, over a window. Every service given is measured at every device count, interleaved (before 3, after 3,
/// before 30, …) so that a drift of the machine's load hits them alike. Exit codes: 0 ok, 1 a row invalid (the
/// service did not start, failed polls), 2 usage, 3 a peer (mosquitto) missing.
/// </summary>
internal static class FieldLoadBench
{
    public static int Run(string[] args, TextWriter output)
    {
        var log = Console.Error;
        if (FieldLoadOptions.Parse(args, out var error) is not { } options)
        {
            log.WriteLine($"field-load: {error} (try field-load --help)");
            return 2;
        }

        var environment = UnitEnvironment.Read(UnitEnvironment.UnitFile);
        log.WriteLine("field-load: the unit's environment (systemd/edge-gateway.service), applied to the service: "
            + (environment.Count == 0 ? "none" : string.Join(' ', environment.Select(variable => $"{variable.Key}={variable.Value}"))));
        var inherited = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("DOTNET_", StringComparison.Ordinal) && !IsSdkSetting(name) && environment.All(variable => variable.Key != name))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (inherited.Count > 0)
        {
            log.WriteLine("field-load: also inherited from this shell: " + string.Join(' ', inherited.Select(name => $"{name}={Environment.GetEnvironmentVariable(name)}")));
        }

        BenchBroker broker;
        try
        {
            broker = BenchBroker.Start();
        }
        catch (InvalidOperationException exception)
        {
            log.WriteLine($"field-load: {exception.Message}");
            return 3;
        }

        using (broker)
        {
            try
            {
                return Measure(options, environment, broker, output, log);
            }
            catch (Exception exception) when (exception is InvalidOperationException or IOException or UnauthorizedAccessException or ControlUnavailableException or System.Net.Sockets.SocketException)
            {
                // Caught here so that the simulators, the service and the broker are stopped on the way out.
                log.WriteLine($"field-load: {exception.Message}");
                return 1;
            }
        }
    }

    private static int Measure(FieldLoadOptions options, IReadOnlyList<KeyValuePair<string, string>> environment, BenchBroker broker, TextWriter output, TextWriter log)
    {
        var services = options.Services.Count > 0 ? options.Services : [ServicePublisher.ThisCheckout(log)];
        var simulator = SimulatorCommand.Resolve(log);
        var machine = Machine();
        var runner = new FieldLoadRowRunner(options, environment, broker, log);
        var rows = new List<FieldLoadRow>();
        foreach (var devices in options.DeviceCounts)
        {
            var buses = FieldSiteLayout.Buses(devices, options.Transport, options.DevicesPerBus);
            using var simulators = SimulatorFleet.Start(simulator, buses);
            for (var run = 1; run <= options.Runs; run++)
            {
                foreach (var service in services)
                {
                    var row = runner.Run(service, run, rows.Count + 1, buses, simulators);
                    rows.Add(row);
                    log.WriteLine(row.Valid
                        ? string.Create(CultureInfo.InvariantCulture, $"field-load: {row.Label}, {row.Devices} devices: {row.ServiceCpuPercent:0.00} % of a core, {row.CpuMicrosecondsPerReading:0.0} µs/reading, {row.ReadingsPerSecond:0.0} readings/s ({row.ReadingsAtBroker} at the broker), RSS {row.Memory.ResidentMiB:0.0} MiB; load {row.LoadAtEnd}")
                        : $"field-load: WARNING {row.Label}, {row.Devices} devices: the row is invalid: {row.Problem}");
                    if (row.Valid && row.ReadingsPerSecond < 0.95 * row.Channels)
                    {
                        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"field-load: WARNING {row.Label}, {row.Devices} devices: {row.ReadingsPerSecond:0.0} readings/s for {row.Channels} channels polled once a second: the polls fall behind"));
                    }
                }
            }
        }

        if (options.Json)
        {
            using var stdout = Console.OpenStandardOutput();
            FieldLoadReport.WriteJson(stdout, machine, environment, options, rows);
            stdout.Write("\n"u8);
        }
        else
        {
            output.WriteLine("machine: " + machine);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"field-load: transport {options.Transport}, at most {options.DevicesPerBus} devices per bus, warm-up {options.WarmUp.TotalSeconds} s, window {options.Window.TotalSeconds} s; service environment: {string.Join(' ', environment.Select(variable => $"{variable.Key}={variable.Value}"))}"));
            output.WriteLine(string.Join("; ", services.Select(service => $"{service.Label} = {service.Path}")));
            output.WriteLine();
            FieldLoadReport.WriteMarkdown(output, rows);
        }

        return rows.All(row => row.Valid) ? 0 : 1;
    }

    // The SDK's own variables (telemetry, first-run notes, the host path) do not change the runtime: not worth a line.
    private static bool IsSdkSetting(string name) =>
        name.StartsWith("DOTNET_CLI_", StringComparison.Ordinal)
        || name is "DOTNET_NOLOGO" or "DOTNET_GENERATE_ASPNET_CERTIFICATE" or "DOTNET_SKIP_FIRST_TIME_EXPERIENCE" or "DOTNET_HOST_PATH" or "DOTNET_ROOT";

    // The first line of a result: which machine, how busy, when.
    private static string Machine()
    {
        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        return string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, {model}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage.Now()}");
    }
}
