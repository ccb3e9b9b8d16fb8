using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EdgeGateway.Benchmarks.Uplink;

/// <summary>
/// A private mosquitto for the uplink benches: one plain listener on a free loopback port, no persistence, errors-only
/// logging (the test suite's broker logs every packet, which would cost the broker more than the traffic), and no
/// limit on the queue of a subscriber that falls behind, so the counting subscriber never misses a message because
/// the broker dropped it.
/// </summary>
internal sealed class BenchBroker : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private BenchBroker(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public static BenchBroker Start()
    {
        var executable = new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("mosquitto is missing: apt-get install mosquitto");
        var directory = Directory.CreateTempSubdirectory("egw-bench-mosquitto-").FullName;
        var port = FreePort();
        var config = string.Join('\n',
            "per_listener_settings false",
            "persistence false",
            "log_dest stderr",
            "log_type error",
            "allow_anonymous true",
            "max_queued_messages 0",
            "max_inflight_messages 100",
            Environment.IsPrivilegedProcess ? "user root" : string.Empty,
            string.Create(CultureInfo.InvariantCulture, $"listener {port} 127.0.0.1"),
            string.Empty);
        var configFile = Path.Combine(directory, "mosquitto.conf");
        File.WriteAllText(configFile, config);
        var process = Process.Start(new ProcessStartInfo(executable, ["-c", configFile]) { UseShellExecute = false, RedirectStandardError = true })
            ?? throw new InvalidOperationException("mosquitto did not start");
        process.ErrorDataReceived += (_, line) =>
        {
            if (!string.IsNullOrEmpty(line.Data))
            {
                Console.Error.WriteLine("mosquitto: " + line.Data);
            }
        };
        process.BeginErrorReadLine();
        var broker = new BenchBroker(process, directory, port);
        broker.WaitUntilListening();
        return broker;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void WaitUntilListening()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with {_process.ExitCode}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(20);
            }
        }

        throw new InvalidOperationException("mosquitto was not listening within 10 s");
    }
}
