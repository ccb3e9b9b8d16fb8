using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace EdgeGateway.Demo;

/// <summary>
/// The demo's web console: edge-gateway-console started as its own process on loopback, with a small config file
/// that names the demo's control socket and a users file in the demo's data directory (none: no login). Found in
/// <c>$EGW_CONSOLE_BINARY</c>, else next to the service's binary, else in the checkout's build output of
/// src/EdgeGateway.WebConsole for the same configuration. Without it the demo goes on and says why.
/// </summary>
internal sealed class DemoWebConsole : IDisposable
{
    public const string BinaryVariable = "EGW_CONSOLE_BINARY";

    private const string BinaryName = "edge-gateway-console";
    private const int PreferredPort = 8480;

    private readonly Process _process;

    private DemoWebConsole(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    /// <summary>Starts the console and prints its URL; null (with the reason printed) when it cannot be.</summary>
    public static DemoWebConsole? Start(string controlSocket, string dataDirectory, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var binary = Find(out var lookedIn);
        if (binary is null)
        {
            output.WriteLine($"edge-gateway demo: no web console: {BinaryName} not found (looked in {lookedIn}); build it with: dotnet build src/EdgeGateway.WebConsole, or name it with {BinaryVariable}");
            return null;
        }

        var port = FreePort();
        var configFile = Path.Combine(dataDirectory, "console.json");
        File.WriteAllText(configFile, Config(controlSocket, port, Path.Combine(dataDirectory, "console-users")));
        var startInfo = new ProcessStartInfo(binary.EndsWith(".dll", StringComparison.Ordinal) ? "dotnet" : binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (binary.EndsWith(".dll", StringComparison.Ordinal))
        {
            startInfo.ArgumentList.Add("exec");
            startInfo.ArgumentList.Add(binary);
        }

        startInfo.ArgumentList.Add("--config");
        startInfo.ArgumentList.Add(configFile);
        try
        {
            var process = Process.Start(startInfo) ?? throw new InvalidOperationException("no process");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, line) =>
            {
                if (line.Data is { Length: > 0 } text)
                {
                    output.WriteLine($"edge-gateway demo: web console: {text}");
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var console = new DemoWebConsole(process, $"http://127.0.0.1:{port}/");
            output.WriteLine($"web console: {console.Url}");
            return console;
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            output.WriteLine($"edge-gateway demo: no web console: {binary} did not start: {exception.Message}");
            return null;
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                // The console keeps no state: ending it at once loses nothing.
                _process.Kill();
                _process.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private static string? Find(out string lookedIn)
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable(BinaryVariable) is { Length: > 0 } named)
        {
            candidates.Add(named);
        }

        var own = AppContext.BaseDirectory;
        candidates.Add(Path.Combine(own, BinaryName));

        // A checkout: src/EdgeGateway/bin/<Configuration>/<tfm>/ next to src/EdgeGateway.WebConsole/bin/<Configuration>/<tfm>/.
        var tfmDirectory = new DirectoryInfo(own.TrimEnd(Path.DirectorySeparatorChar));
        var configurationDirectory = tfmDirectory.Parent;
        var serviceProject = configurationDirectory?.Parent?.Parent;
        if (serviceProject is { Name: "EdgeGateway", Parent: { } src } && configurationDirectory!.Parent!.Name == "bin")
        {
            var output = Path.Combine(src.FullName, "EdgeGateway.WebConsole", "bin", configurationDirectory.Name, tfmDirectory.Name);
            candidates.Add(Path.Combine(output, BinaryName));
            candidates.Add(Path.Combine(output, BinaryName + ".dll"));
        }

        lookedIn = string.Join(", ", candidates);
        return candidates.FirstOrDefault(File.Exists);
    }

    private static int FreePort()
    {
        foreach (var port in new[] { PreferredPort, 0 })
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return ((IPEndPoint)listener.LocalEndpoint).Port;
            }
            catch (SocketException)
            {
                // 8480 is taken (another demo, a real console): any free port will do.
            }
        }

        throw new IOException("no free TCP port on 127.0.0.1");
    }

    private static string Config(string controlSocket, int port, string usersFile)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("control");
            json.WriteString("socket", controlSocket);
            json.WriteEndObject();
            json.WriteStartObject("console");
            json.WriteString("listen", $"127.0.0.1:{port}");
            json.WriteString("usersFile", usersFile);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
