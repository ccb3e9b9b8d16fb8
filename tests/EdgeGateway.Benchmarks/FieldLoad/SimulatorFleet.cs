using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EdgeGateway.Benchmarks.Uplink;

namespace EdgeGateway.Benchmarks.FieldLoad;

/// <summary>
/// The analyzers of a row: one <c>egw simulate</c> process per bus, serving the bus's devices as consecutive slave ids
/// on a free loopback port. Their CPU is the simulators', reported apart from the service's.
/// </summary>
internal sealed class SimulatorFleet : IDisposable
{
    private readonly List<Process> _processes;
    private readonly IReadOnlyList<SimulatedBus> _buses;

    private SimulatorFleet(List<Process> processes, IReadOnlyList<int> ports, IReadOnlyList<SimulatedBus> buses)
    {
        _processes = processes;
        Ports = ports;
        _buses = buses;
    }

    /// <summary>The port of each bus, in the order of the buses.</summary>
    public IReadOnlyList<int> Ports { get; }

    public static SimulatorFleet Start(SimulatorCommand egw, IReadOnlyList<SimulatedBus> buses)
    {
        var processes = new List<Process>();
        var ports = new List<int>();
        var fleet = new SimulatorFleet(processes, ports, buses);
        try
        {
            foreach (var bus in buses)
            {
                var port = FreePort();
                List<string> arguments = ["simulate"];
                foreach (var device in bus.Devices)
                {
                    arguments.Add("--profile");
                    arguments.Add(Path.Combine(Bench.RepositoryPaths.Profiles, device.Profile + ".json"));
                }

                arguments.AddRange(["--slave", "1", "--listen", string.Create(CultureInfo.InvariantCulture, $"{bus.Scheme}://127.0.0.1:{port}")]);
                var process = egw.Start(arguments);
                processes.Add(process);
                ports.Add(port);
                var first = process.StandardOutput.ReadLine();
                if (first is null || !first.StartsWith("serving ", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"the simulator of bus {bus.Name} did not start: {first} {process.StandardError.ReadToEnd()}");
                }

                // Keep reading so that a full pipe never blocks a simulator (its stdout was read synchronously above, so
                // it is drained by a thread rather than by events).
                var output = process.StandardOutput;
                new Thread(() =>
                {
                    while (output.ReadLine() is not null)
                    {
                    }
                })
                { IsBackground = true, Name = "simulator output" }.Start();
                process.ErrorDataReceived += (_, line) =>
                {
                    if (!string.IsNullOrEmpty(line.Data))
                    {
                        Console.Error.WriteLine($"simulator {bus.Name}: {line.Data}");
                    }
                };
                process.BeginErrorReadLine();
            }

            return fleet;
        }
        catch
        {
            fleet.Dispose();
            throw;
        }
    }

    /// <summary>The buses whose simulator is gone: their devices cannot answer, and the row is invalid.</summary>
    public IReadOnlyList<string> Exited() =>
        _processes.Select((process, i) => (process, _buses[i].Name)).Where(pair => pair.process.HasExited).Select(pair => pair.Name).ToList();

    /// <summary>CPU time of the simulators so far (one that has exited counts no more).</summary>
    public TimeSpan Cpu()
    {
        var sum = TimeSpan.Zero;
        foreach (var process in _processes)
        {
            try
            {
                sum += ProcessCpu.Of(process.Id);
            }
            catch (IOException)
            {
                // It exited: Exited() makes the row invalid.
            }
        }

        return sum;
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }

            process.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
