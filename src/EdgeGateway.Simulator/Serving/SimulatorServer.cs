using System.Net;
using System.Net.Sockets;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Framing;
using EdgeGateway.Modbus.Slave;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Simulator.Serving;

/// <summary>
/// Serves simulated analyzers, each at its slave id, on one endpoint: a serial device (a pty from socat) with RTU
/// framing, a TCP listener with Modbus TCP (MBAP) framing, or a TCP listener with RTU framing as a serial-device
/// server forwards it (<c>rtu+tcp://</c>). Each TCP client is served on its own thread; a background loop keeps
/// the analyzers' registers moving. <see cref="Dispose"/> stops everything within a poll interval.
/// </summary>
public sealed class SimulatorServer : IDisposable
{
    /// <summary>How long the accept loop waits on the listener before it looks at the stop request.</summary>
    private static readonly TimeSpan AcceptPoll = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SimulatorServerOptions _options;
    private readonly Dictionary<byte, IModbusSlaveDevice> _units;
    private readonly List<Thread> _threads = [];
    private readonly List<ServedConnection> _connections = [];
    private readonly ModbusSlaveServerOptions _slaveOptions;
    private Socket? _listener;
    private IModbusTransport? _serialTransport;
    private ModbusSlaveServer? _serialServer;
    private long _retiredRequests;
    private long _retiredAnswered;
    private long _retiredIgnored;
    private long _retiredBadFrames;
    private long _retiredFaults;
    private long _connectionsAccepted;
    private Exception? _lastError;
    private bool _disposed;

    private SimulatorServer(ModbusEndpoint endpoint, IReadOnlyDictionary<byte, SimulatedAnalyzer> analyzers, SimulatorServerOptions options)
    {
        Endpoint = endpoint;
        Analyzers = analyzers;
        _options = options;
        _units = analyzers.ToDictionary(pair => pair.Key, pair => (IModbusSlaveDevice)pair.Value.Memory);
        var faults = options.Faults is { } policy && endpoint.Kind == ModbusEndpointKind.Tcp ? new MbapFaultFilter(policy) : options.Faults;
        _slaveOptions = new ModbusSlaveServerOptions
        {
            Faults = faults,
            AnswerAnyUnitOnTcp = options.AnswerAnyUnitOnTcp,
            FrameSilence = endpoint.Kind switch
            {
                ModbusEndpointKind.Serial => RtuTiming.For(SerialSettingsFor(endpoint, options)).T35,
                ModbusEndpointKind.RtuOverTcp => options.RtuOverTcpFrameSilence,
                _ => TimeSpan.FromMilliseconds(2),
            },
        };
    }

    /// <summary>Where the analyzers are served; for a TCP port 0 in the request, this carries the port the system chose.</summary>
    public ModbusEndpoint Endpoint { get; private set; }

    /// <summary>The served analyzers by slave id.</summary>
    public IReadOnlyDictionary<byte, SimulatedAnalyzer> Analyzers { get; }

    /// <summary>The last unexpected failure of a serving thread (a bug, not a client leaving); null when all is well.</summary>
    public Exception? LastError
    {
        get
        {
            lock (_gate)
            {
                return _lastError;
            }
        }
    }

    /// <summary>What has been served so far, over every connection.</summary>
    public SimulatorStatistics Statistics
    {
        get
        {
            lock (_gate)
            {
                long requests = _retiredRequests, answered = _retiredAnswered, ignored = _retiredIgnored, badFrames = _retiredBadFrames, faults = _retiredFaults;
                var active = 0;
                foreach (var server in _connections.Select(connection => connection.Server).Append(_serialServer))
                {
                    if (server is null)
                    {
                        continue;
                    }

                    active++;
                    requests += server.Statistics.Requests;
                    answered += server.Statistics.Answered;
                    ignored += server.Statistics.Ignored;
                    badFrames += server.Statistics.BadFrames;
                    faults += server.Statistics.FaultsInjected;
                }

                return new SimulatorStatistics(requests, answered, ignored, badFrames, faults, _connectionsAccepted, active);
            }
        }
    }

    /// <summary>Serves one analyzer at <paramref name="slaveId"/> on <paramref name="listen"/> (<c>/dev/pts/N</c>, <c>tcp://host:port</c> or <c>rtu+tcp://host:port</c>).</summary>
    /// <exception cref="ModbusTransportException">The port cannot be opened or the address cannot be listened on.</exception>
    public static SimulatorServer Start(string listen, SimulatedAnalyzer analyzer, byte slaveId = 1, SimulatorServerOptions? options = null) =>
        Start(ModbusEndpoint.Parse(listen), new Dictionary<byte, SimulatedAnalyzer> { [slaveId] = analyzer }, options);

    /// <summary>Opens the port or binds the listener now, so a failure is reported to the caller, then serves in the background.</summary>
    /// <exception cref="ModbusTransportException">The port cannot be opened or the address cannot be listened on.</exception>
    /// <exception cref="ArgumentException">No analyzers, or a slave id the framing cannot address.</exception>
    public static SimulatorServer Start(ModbusEndpoint listen, IReadOnlyDictionary<byte, SimulatedAnalyzer> analyzers, SimulatorServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(analyzers);
        options ??= new SimulatorServerOptions();
        if (analyzers.Count == 0)
        {
            throw new ArgumentException("give at least one analyzer to serve", nameof(analyzers));
        }

        foreach (var slaveId in analyzers.Keys)
        {
            if (listen.UsesRtuFraming && slaveId is 0 or > 247)
            {
                // 0 is the broadcast address and 248-255 are reserved on a serial line.
                throw new ArgumentException($"slave id {slaveId} cannot be addressed on RTU: use 1 to 247", nameof(analyzers));
            }
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxConnections, nameof(options));

        var server = new SimulatorServer(listen, analyzers, options);
        try
        {
            if (listen.Kind == ModbusEndpointKind.Serial)
            {
                server.StartSerial();
            }
            else
            {
                server.StartTcp();
            }

            server.StartUpdates();
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }

    public void Dispose()
    {
        List<ServedConnection> connections;
        List<Thread> threads;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            connections = [.. _connections];
            threads = [.. _threads];
        }

        _stop.Cancel();
        _listener?.Dispose();
        foreach (var connection in connections)
        {
            connection.Transport.Shutdown();
        }

        var deadline = DateTime.UtcNow + _options.StopTimeout;
        var allStopped = true;
        foreach (var thread in threads)
        {
            var left = deadline - DateTime.UtcNow;
            if (thread != Thread.CurrentThread && !thread.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero))
            {
                allStopped = false;
            }
        }

        if (allStopped)
        {
            _stop.Dispose();
        }
    }

    private static SerialSettings SerialSettingsFor(ModbusEndpoint endpoint, SimulatorServerOptions options) =>
        (options.Serial ?? new SerialSettings(endpoint.Address)) with { PortName = endpoint.Address };

    private void StartSerial()
    {
        var transport = new PosixSerialTransport(SerialSettingsFor(Endpoint, _options));
        transport.Open();
        _serialTransport = transport;
        StartThread($"simulator {Endpoint}", ServeSerial);
    }

    private void ServeSerial()
    {
        var token = _stop.Token;
        var transport = _serialTransport!;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var server = new ModbusSlaveServer(transport, new ModbusRtuFramer(), _units, _slaveOptions);
                lock (_gate)
                {
                    _serialServer = server;
                }

                server.Run(token);
                lock (_gate)
                {
                    _serialServer = null;
                    Retire(server);
                }

                // The port failed (a pty whose other end closed): try it again until it is back or we stop.
                transport.Close();
                while (!token.IsCancellationRequested && !transport.IsOpen)
                {
                    if (token.WaitHandle.WaitOne(_options.ReopenDelay))
                    {
                        break;
                    }

                    try
                    {
                        transport.Open();
                    }
                    catch (ModbusTransportException)
                    {
                        // Still gone; the next round tries again.
                    }
                }
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            RecordFailure(exception);
        }
        finally
        {
            transport.Dispose();
        }
    }

    private void StartTcp()
    {
        var address = ResolveListenAddress(Endpoint);
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(address, Endpoint.Port));
            listener.Listen(_options.MaxConnections);
        }
        catch (SocketException exception)
        {
            listener.Dispose();
            throw new ModbusTransportException($"{Endpoint}: cannot listen: {DescribeListenFailure(exception.SocketErrorCode)}", exception);
        }

        _listener = listener;
        var bound = (IPEndPoint)listener.LocalEndPoint!;
        Endpoint = Endpoint with { Port = bound.Port };
        StartThread($"simulator accept {Endpoint}", AcceptLoop);
    }

    private static IPAddress ResolveListenAddress(ModbusEndpoint endpoint)
    {
        if (IPAddress.TryParse(endpoint.Address, out var literal))
        {
            return literal;
        }

        try
        {
            var addresses = Dns.GetHostAddresses(endpoint.Address);
            return addresses.FirstOrDefault(address => address.AddressFamily == AddressFamily.InterNetwork)
                ?? addresses.FirstOrDefault()
                ?? throw new ModbusTransportException($"{endpoint}: cannot listen: host not found");
        }
        catch (SocketException exception)
        {
            throw new ModbusTransportException($"{endpoint}: cannot listen: host not found ({exception.SocketErrorCode})", exception);
        }
    }

    private static string DescribeListenFailure(SocketError error) => error switch
    {
        SocketError.AddressAlreadyInUse => "address already in use (another simulator or service on that port?)",
        SocketError.AddressNotAvailable => "address not available on this machine",
        SocketError.AccessDenied => "permission denied (ports below 1024 need privileges)",
        _ => $"socket error {error}",
    };

    private void AcceptLoop()
    {
        var token = _stop.Token;
        var listener = _listener!;
        var framing = Endpoint.Kind;
        try
        {
            while (!token.IsCancellationRequested)
            {
                Socket client;
                try
                {
                    if (!listener.Poll((int)AcceptPoll.TotalMicroseconds, SelectMode.SelectRead))
                    {
                        continue;
                    }

                    client = listener.Accept();
                }
                catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
                {
                    if (token.IsCancellationRequested)
                    {
                        return;
                    }

                    // A client that vanished between the handshake and accept(): wait for the next one.
                    continue;
                }

                Admit(client, framing, token);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            RecordFailure(exception);
        }
    }

    private void Admit(Socket client, ModbusEndpointKind framing, CancellationToken token)
    {
        var transport = TcpTransport.FromAccepted(client);
        IModbusFramer framer = framing == ModbusEndpointKind.Tcp ? new ModbusTcpFramer() : new ModbusRtuFramer();
        var server = new ModbusSlaveServer(transport, framer, _units, _slaveOptions);
        var connection = new ServedConnection(transport, server);
        lock (_gate)
        {
            if (_disposed || _connections.Count >= _options.MaxConnections)
            {
                transport.Dispose();
                return;
            }

            _connectionsAccepted++;
            _connections.Add(connection);
        }

        StartThread($"simulator {transport.Endpoint}", () => Serve(connection, token));
    }

    private void Serve(ServedConnection connection, CancellationToken token)
    {
        try
        {
            // The loop ends when the client leaves (a transport failure it returns) or the server stops.
            connection.Server.Run(token);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            RecordFailure(exception);
        }
        finally
        {
            connection.Transport.Dispose();
            lock (_gate)
            {
                _connections.Remove(connection);
                Retire(connection.Server);
                _threads.Remove(Thread.CurrentThread);
            }
        }
    }

    private void StartUpdates()
    {
        if (_options.UpdateInterval <= TimeSpan.Zero)
        {
            return;
        }

        StartThread($"simulator updates {Endpoint}", UpdateLoop);
    }

    private void UpdateLoop()
    {
        var token = _stop.Token;
        try
        {
            while (!token.WaitHandle.WaitOne(_options.UpdateInterval))
            {
                foreach (var analyzer in Analyzers.Values)
                {
                    analyzer.Update();
                }
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            RecordFailure(exception);
        }
    }

    private void StartThread(string name, ThreadStart body)
    {
        // Background threads: a simulator left running must never keep a test process or the CLI alive.
        var thread = new Thread(body) { IsBackground = true, Name = name };
        lock (_gate)
        {
            _threads.Add(thread);
        }

        thread.Start();
    }

    /// <summary>Keeps a finished server's counts in the totals; the caller holds the gate.</summary>
    private void Retire(ModbusSlaveServer server)
    {
        _retiredRequests += server.Statistics.Requests;
        _retiredAnswered += server.Statistics.Answered;
        _retiredIgnored += server.Statistics.Ignored;
        _retiredBadFrames += server.Statistics.BadFrames;
        _retiredFaults += server.Statistics.FaultsInjected;
    }

    private void RecordFailure(Exception exception)
    {
        lock (_gate)
        {
            _lastError = exception;
        }
    }
}
