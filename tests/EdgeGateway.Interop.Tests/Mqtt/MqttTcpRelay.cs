using System.Net;
using System.Net.Sockets;

namespace EdgeGateway.Interop.Tests.Mqtt;

/// <summary>
/// A TCP relay between a client under test and the broker that reads the MQTT framing as it passes: it counts QoS 1/2
/// PUBLISH packets going to the broker and PUBACKs coming back, can hold back everything the broker sends (so
/// acknowledgements stop while publishes still flow), can cut every connection with a TCP reset, as a dropped
/// 4G link would, without the client sending DISCONNECT, and can freeze: nothing passes either way and the broker's side
/// stays open even when the client gives up, as when a cabinet loses power (no FIN reaches the broker).
/// </summary>
public sealed class MqttTcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _brokerPort;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly List<(Socket Client, Socket Broker)> _connections = [];
    private readonly Task _accepting;
    private TaskCompletionSource _brokerToClientOpen = NewOpenGate();
    private long _publishesToBroker;
    private long _acknowledgementsToClient;
    private long _maxOutstanding;
    private long _accepted;
    private volatile bool _refusing;
    private volatile bool _frozen;

    private MqttTcpRelay(int brokerPort)
    {
        _brokerPort = brokerPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Where clients connect instead of the broker.</summary>
    public int Port { get; }

    /// <summary>QoS 1/2 PUBLISH packets passed to the broker.</summary>
    public long PublishesToBroker => Interlocked.Read(ref _publishesToBroker);

    /// <summary>PUBACK packets passed back to the client.</summary>
    public long AcknowledgementsToClient => Interlocked.Read(ref _acknowledgementsToClient);

    /// <summary>The most QoS 1/2 publishes the client ever had on the wire without their PUBACK delivered.</summary>
    public long MaxOutstanding => Interlocked.Read(ref _maxOutstanding);

    /// <summary>Client connections accepted so far.</summary>
    public long ConnectionsAccepted => Interlocked.Read(ref _accepted);

    /// <summary>While true, new connections are reset at once, as if the link were still down.</summary>
    public bool Refusing
    {
        get => _refusing;
        set => _refusing = value;
    }

    /// <summary>Relays to the broker on 127.0.0.1:<paramref name="brokerPort"/>.</summary>
    public static MqttTcpRelay Start(int brokerPort) => new(brokerPort);

    /// <summary>Stops passing what the broker sends (PUBACKs, PINGRESPs…) until <see cref="ReleaseBrokerTraffic"/>.</summary>
    public void HoldBrokerTraffic()
    {
        lock (_lock)
        {
            if (_brokerToClientOpen.Task.IsCompleted)
            {
                _brokerToClientOpen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>
    /// Passes nothing more in either direction and leaves the broker's side of every connection open and silent, even
    /// after the client closes its side; refuses new connections. Only the broker's keep-alive can end them now.
    /// </summary>
    public void Freeze()
    {
        _refusing = true;
        _frozen = true;
    }

    public void ReleaseBrokerTraffic()
    {
        lock (_lock)
        {
            _brokerToClientOpen.TrySetResult();
        }
    }

    /// <summary>Resets every relayed connection on both sides: no DISCONNECT reaches the broker, so it sends the will.</summary>
    public void ResetConnections()
    {
        (Socket Client, Socket Broker)[] connections;
        lock (_lock)
        {
            connections = [.. _connections];
            _connections.Clear();
        }

        foreach ((Socket client, Socket broker) in connections)
        {
            Reset(client);
            Reset(broker);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        ResetConnections();
        ReleaseBrokerTraffic();
        try
        {
            await _accepting;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }

        _stopping.Dispose();
    }

    private static TaskCompletionSource NewOpenGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    private static void Reset(Socket socket)
    {
        try
        {
            // Linger 0 makes Close send RST instead of FIN.
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (ObjectDisposedException)
        {
            // Already closed by its pump.
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client = await _listener.AcceptSocketAsync(_stopping.Token);
            if (_refusing)
            {
                Reset(client);
                continue;
            }

            Interlocked.Increment(ref _accepted);
            var broker = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            client.NoDelay = true;
            try
            {
                await broker.ConnectAsync(IPAddress.Loopback, _brokerPort, _stopping.Token);
            }
            catch (SocketException)
            {
                // The broker is down: the client sees its connection refused-then-closed, as without a relay.
                Reset(client);
                broker.Dispose();
                continue;
            }

            lock (_lock)
            {
                _connections.Add((client, broker));
            }

            _ = PumpAsync(client, broker, toBroker: true);
            _ = PumpAsync(broker, client, toBroker: false);
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool toBroker)
    {
        var buffer = new byte[16 * 1024];
        var framing = new MqttFrameCounter();
        try
        {
            while (true)
            {
                int read = await from.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, _stopping.Token);
                if (_frozen)
                {
                    // A frozen relay neither passes bytes nor closes: it waits until disposed.
                    await Task.Delay(Timeout.Infinite, _stopping.Token);
                }

                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                // The gate is checked after the read, so bytes already on their way are held too.
                if (!toBroker)
                {
                    Task gate;
                    lock (_lock)
                    {
                        gate = _brokerToClientOpen.Task;
                    }

                    await gate.WaitAsync(_stopping.Token);
                }

                framing.Feed(buffer.AsSpan(0, read), OnPacket);
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stopping.Token);
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            if (_frozen && !_stopping.IsCancellationRequested)
            {
                // The client's side failed while frozen: the broker must not hear of it.
                return;
            }

            Reset(from);
            Reset(to);
        }

        void OnPacket(byte header)
        {
            int type = header >> 4;
            int qos = (header >> 1) & 0x03;
            if (toBroker && type == 3 && qos > 0)
            {
                long outstanding = Interlocked.Increment(ref _publishesToBroker) - Interlocked.Read(ref _acknowledgementsToClient);
                long seen;
                while (outstanding > (seen = Interlocked.Read(ref _maxOutstanding)) && Interlocked.CompareExchange(ref _maxOutstanding, outstanding, seen) != seen)
                {
                    // Another pump raised it meanwhile; look again.
                }
            }
            else if (!toBroker && type == 4)
            {
                Interlocked.Increment(ref _acknowledgementsToClient);
            }
        }
    }
}
