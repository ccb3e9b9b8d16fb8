using System.Diagnostics;
using System.Text;
using System.Text.Json;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Interop.Tests.Peers;

/// <summary>
/// pymodbus 3.0.0 (Debian's python3-pymodbus) as a Modbus slave in a child process, serving RTU on a pty path or
/// Modbus TCP on 127.0.0.1, with tables filled from C#. Runs <c>Peers/pymodbus_slave.py</c>, which prints READY once it
/// has bound the port or opened the line; disposing kills it.
/// </summary>
public sealed class PymodbusSlave : IDisposable
{
    private const string ScriptName = "pymodbus_slave.py";
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(20);

    private readonly Process _python;
    private readonly string _directory;
    private readonly StringBuilder _errorOutput = new();
    private readonly ManualResetEventSlim _ready = new();

    private PymodbusSlave(Process python, string directory, string endpoint)
    {
        _python = python;
        _directory = directory;
        Endpoint = endpoint;
    }

    /// <summary><c>tcp://127.0.0.1:PORT</c> or the serial path, for messages.</summary>
    public string Endpoint { get; }

    /// <summary>The TCP port served (TCP mode), or 0.</summary>
    public int TcpPort { get; private init; }

    /// <summary>The serial path served (RTU mode), or null.</summary>
    public string? SerialPath { get; private init; }

    public bool HasExited => _python.HasExited;

    /// <summary>What the python process wrote to stderr (tracebacks, pymodbus log lines).</summary>
    public string ErrorOutput
    {
        get
        {
            lock (_errorOutput)
            {
                return _errorOutput.ToString();
            }
        }
    }

    /// <summary>Serves Modbus TCP on 127.0.0.1:<paramref name="port"/> (see <see cref="FreeTcpPort.Next"/>).</summary>
    public static PymodbusSlave StartTcp(int port, PymodbusSlaveOptions options) =>
        Start(options, $"tcp://127.0.0.1:{port}", writer =>
        {
            writer.WriteString("mode", "tcp");
            writer.WriteNumber("tcp_port", port);
        }, tcpPort: port, serialPath: null);

    /// <summary>Serves Modbus RTU on <paramref name="serialPath"/>, e.g. one end of a <see cref="SocatPtyPair"/>.</summary>
    /// <remarks>
    /// On a pty the slave is opened 8N whatever the options say: the pty driver drops parity and 7-bit settings, and
    /// pyserial-asyncio's second tcsetattr then fails with EINVAL (verified with pymodbus 3.0.0 / pyserial 3.5). A pty
    /// carries bytes, not bits, so the master may still use any parity.
    /// </remarks>
    public static PymodbusSlave StartRtu(string serialPath, PymodbusSlaveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        bool pseudoTerminal = IsPseudoTerminal(serialPath);
        return Start(options, serialPath, writer =>
        {
            writer.WriteString("mode", "rtu");
            writer.WriteString("serial_path", serialPath);
            writer.WriteNumber("baud_rate", options.BaudRate);
            writer.WriteString("parity", (pseudoTerminal ? SerialParity.None : options.Parity) switch
            {
                SerialParity.Even => "E",
                SerialParity.Odd => "O",
                _ => "N",
            });
            writer.WriteNumber("data_bits", pseudoTerminal ? 8 : options.DataBits);
            writer.WriteNumber("stop_bits", options.StopBits);
        }, tcpPort: 0, serialPath: serialPath);
    }

    /// <summary>Kills the python process and deletes its config file.</summary>
    public void Dispose()
    {
        try
        {
            if (!_python.HasExited)
            {
                _python.Kill(entireProcessTree: true);
            }

            // Without a timeout, WaitForExit also waits for the stdout/stderr readers to finish, so no handler
            // touches _ready after it is disposed below.
            _python.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        _python.Dispose();
        _ready.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    public override string ToString() => $"pymodbus slave on {Endpoint}";

    private static PymodbusSlave Start(PymodbusSlaveOptions options, string endpoint, Action<Utf8JsonWriter> writeTransport, int tcpPort, string? serialPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        PeerRequirements.RequirePymodbus();
        string script = Path.Combine(AppContext.BaseDirectory, "Peers", ScriptName);
        if (!File.Exists(script))
        {
            throw new FileNotFoundException($"{ScriptName} was not copied next to the test assembly", script);
        }

        string directory = Directory.CreateTempSubdirectory("egw-pymodbus-").FullName;
        string configPath = Path.Combine(directory, "slave.json");
        File.WriteAllBytes(configPath, BuildConfig(options, writeTransport));

        var startInfo = new ProcessStartInfo(PeerRequirements.SystemPython)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("-u");   // unbuffered: READY and tracebacks arrive at once
        startInfo.ArgumentList.Add(script);
        startInfo.ArgumentList.Add(configPath);

        var python = Process.Start(startInfo) ?? throw new InvalidOperationException($"{PeerRequirements.SystemPython} did not start");
        var slave = new PymodbusSlave(python, directory, endpoint) { TcpPort = tcpPort, SerialPath = serialPath };
        python.OutputDataReceived += (_, line) =>
        {
            if (line.Data == "READY")
            {
                slave._ready.Set();
            }
        };
        python.ErrorDataReceived += (_, line) => slave.AppendError(line.Data);
        python.BeginOutputReadLine();
        python.BeginErrorReadLine();

        var waited = Stopwatch.StartNew();
        while (!slave._ready.Wait(TimeSpan.FromMilliseconds(50)))
        {
            if (python.HasExited || waited.Elapsed > StartupLimit)
            {
                bool exited = python.HasExited;
                // Give the stderr reader a moment to collect the traceback.
                python.WaitForExit(TimeSpan.FromMilliseconds(500));
                string errors = slave.ErrorOutput;
                slave.Dispose();
                throw new InvalidOperationException(exited
                    ? $"pymodbus slave on {endpoint} exited before it was ready: {errors}"
                    : $"pymodbus slave on {endpoint} was not ready within {StartupLimit.TotalSeconds} s: {errors}");
            }
        }

        return slave;
    }

    private static byte[] BuildConfig(PymodbusSlaveOptions options, Action<Utf8JsonWriter> writeTransport)
    {
        // Written by hand: no reflection-based serializer, and the python side's key names stay visible here.
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writeTransport(writer);
            writer.WriteString("log_level", options.LogLevel);
            writer.WriteNumber("table_size", options.TableSize);
            writer.WriteStartArray("unit_ids");
            foreach (byte unitId in options.UnitIds)
            {
                writer.WriteNumberValue(unitId);
            }

            writer.WriteEndArray();
            WriteRegisters(writer, "holding_registers", options.HoldingRegisters);
            WriteRegisters(writer, "input_registers", options.InputRegisters);
            WriteBits(writer, "coils", options.Coils);
            WriteBits(writer, "discrete_inputs", options.DiscreteInputs);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteRegisters(Utf8JsonWriter writer, string name, IReadOnlyList<ushort> values)
    {
        writer.WriteStartArray(name);
        foreach (ushort value in values)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteBits(Utf8JsonWriter writer, string name, IReadOnlyList<bool> values)
    {
        writer.WriteStartArray(name);
        foreach (bool value in values)
        {
            writer.WriteBooleanValue(value);
        }

        writer.WriteEndArray();
    }

    private static bool IsPseudoTerminal(string path)
    {
        FileSystemInfo? target = File.ResolveLinkTarget(path, returnFinalTarget: true);
        return (target?.FullName ?? Path.GetFullPath(path)).StartsWith("/dev/pts/", StringComparison.Ordinal);
    }

    private void AppendError(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_errorOutput)
        {
            // Bounded: a long test with DEBUG logging must not grow this without limit.
            if (_errorOutput.Length < 256 * 1024)
            {
                _errorOutput.AppendLine(line);
            }
        }
    }
}
