using System.Diagnostics;
using System.Globalization;
using EdgeGateway.FieldBus.Polling;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Benchmarks.Bench;

/// <summary>
/// The CPU the gateway's poll loops cost on a quiet cabinet: two serial ports (socat pty pairs), two analyzers on
/// each, every device polled once a second, slaves served by a child process. Prints the process's CPU time as a
/// share of one core, for each serial driver.
/// </summary>
internal static class IdleCpuBench
{
    public static int Run(string[] args, TextWriter output)
    {
        var seconds = ArgumentAfter(args, "--seconds", 60);
        var driverArgument = args.SkipWhile(arg => arg != "--driver").Skip(1).FirstOrDefault() ?? "both";
        SerialDriver[] drivers = driverArgument switch
        {
            "posix" => [SerialDriver.Posix],
            "system" => [SerialDriver.SystemIOPorts],
            _ => [SerialDriver.Posix, SerialDriver.SystemIOPorts],
        };

        var profiles = DeviceProfileLoader.LoadDirectory(RepositoryPaths.Profiles);
        var cems = profiles.Single(profile => profile.Kind == DeviceKind.FlueGas);
        var water = profiles.Single(profile => profile.Kind == DeviceKind.Wastewater);
        output.WriteLine($"idle CPU: 2 serial ports (socat pty pairs), 2 devices each ({cems.Model}, {water.Model}), polled every 1 s, measured over {seconds} s after a 5 s warm-up; {Environment.ProcessorCount} cores");
        output.WriteLine("| serial driver | CPU time | share of one core | poll cycles | failed cycles |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var driver in drivers)
        {
            Measure(driver, seconds, cems, water, output);
        }

        return 0;
    }

    private static void Measure(SerialDriver driver, int seconds, DeviceProfile cems, DeviceProfile water, TextWriter output)
    {
        using var lineA = SocatLine.Start();
        using var lineB = SocatLine.Start();
        using var child = StartChild(lineA.SlaveEnd, lineB.SlaveEnd);
        using var stop = new CancellationTokenSource();
        var sink = new CountingSink();
        var settings = new DevicePollSettings { PollInterval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromMilliseconds(500) };
        var threads = new List<Thread>();
        foreach (var line in new[] { lineA, lineB })
        {
            var master = ModbusConnectionFactory.CreateMaster(ModbusEndpoint.Parse(line.MasterEnd), new ModbusMasterOptions(), new SerialSettings(line.MasterEnd), driver);
            var poller = new BusPoller(line.MasterEnd, master, [PolledDevice.Create("cems", 1, cems, settings), PolledDevice.Create("water", 2, water, settings)], sink);
            threads.Add(poller.Start(stop.Token));
        }

        Thread.Sleep(TimeSpan.FromSeconds(5));
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var cyclesBefore = sink.Cycles;
        var failuresBefore = sink.Failures;
        var wall = Stopwatch.StartNew();
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var elapsed = wall.Elapsed;
        stop.Cancel();
        threads.ForEach(thread => thread.Join(TimeSpan.FromSeconds(5)));

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {(driver == SerialDriver.Posix ? "posix (termios + ppoll, ours)" : "System.IO.Ports 11.0.0")} | {cpu.TotalMilliseconds:0} ms in {elapsed.TotalSeconds:0.0} s | {100 * cpu / elapsed:0.00} % | {sink.Cycles - cyclesBefore} | {sink.Failures - failuresBefore} |"));
    }

    private static Process StartChild(string first, string second)
    {
        var start = SelfCommand.StartInfo(["serve-rtu", first, second]);
        var child = Process.Start(start)!;
        if (child.StandardOutput.ReadLine() != "READY")
        {
            throw new InvalidOperationException("the simulator child did not start");
        }

        return child;
    }

    private static int ArgumentAfter(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
