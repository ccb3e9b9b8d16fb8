using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace EdgeGateway.Benchmarks.Uplink;

/// <summary>
/// A TCP relay to a local server (the broker, a platform) that delays every byte by half the round trip in each
/// direction, in order: a slow link (4G: about 100 ms) without touching the kernel's queueing (netem is not available
/// on every machine). It reads eagerly, so it shows the effect of the publish window; it does not model TCP's own
/// window on a slow link.
/// </summary>
internal sealed class DelayRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly TimeSpan _oneWay;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _pumps = [];
    private readonly List<Socket> _sockets = [];
    private readonly Task _accepting;

    public DelayRelay(int targetPort, TimeSpan roundTrip)
    {
        _targetPort = targetPort;
        _oneWay = roundTrip / 2;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        lock (_sockets)
        {
            _sockets.ForEach(socket => socket.Dispose());
        }

        try
        {
            await _accepting;
            await Task.WhenAll(_pumps);
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException or ChannelClosedException)
        {
            // Stopping.
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptSocketAsync(_stopping.Token);
            var target = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            client.NoDelay = true;
            await target.ConnectAsync(IPAddress.Loopback, _targetPort, _stopping.Token);
            lock (_sockets)
            {
                _sockets.Add(client);
                _sockets.Add(target);
                _pumps.Add(PumpAsync(client, target));
                _pumps.Add(PumpAsync(target, client));
            }
        }
    }

    // Reads as it comes and writes each chunk once its delay has passed; a closed side closes the other.
    private async Task PumpAsync(Socket from, Socket to)
    {
        var queue = Channel.CreateUnbounded<(long Due, byte[] Bytes)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var writer = Task.Run(async () =>
        {
            await foreach (var (due, bytes) in queue.Reader.ReadAllAsync(_stopping.Token))
            {
                var wait = TimeSpan.FromSeconds((due - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _stopping.Token);
                }

                await to.SendAsync(bytes, SocketFlags.None, _stopping.Token);
            }
        });

        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token)) > 0)
            {
                var due = Stopwatch.GetTimestamp() + (long)(_oneWay.TotalSeconds * Stopwatch.Frequency);
                queue.Writer.TryWrite((due, buffer.AsSpan(0, read).ToArray()));
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection ended.
        }

        queue.Writer.TryComplete();
        try
        {
            await writer;
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The other side ended first.
        }

        try
        {
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
    }
}
