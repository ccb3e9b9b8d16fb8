using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace EdgeGateway.Interop.Tests.Service;

/// <summary>
/// Stands in for systemd's notify socket: an AF_UNIX datagram socket that records what the service sends
/// (READY=1, WATCHDOG=1, STOPPING=1), with the time each arrived.
/// </summary>
internal sealed class SystemdNotifyListener : IDisposable
{
    private readonly Socket _socket;
    private readonly ConcurrentQueue<(TimeSpan At, string Message)> _received = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly Task _receiving;

    public SystemdNotifyListener(string path)
    {
        Path = path;
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        _socket.Bind(new UnixDomainSocketEndPoint(path));
        _receiving = Task.Run(ReceiveAsync);
    }

    public string Path { get; }

    public IReadOnlyList<(TimeSpan At, string Message)> Received => [.. _received];

    public int Count(string message) => Received.Count(entry => entry.Message == message);

    public void Dispose()
    {
        _stopping.Cancel();
        _socket.Dispose();
        try
        {
            _receiving.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The receive loop ends with the socket.
        }

        _stopping.Dispose();
        File.Delete(Path);
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[4096];
        while (!_stopping.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            // One datagram may carry several newline-separated assignments.
            foreach (var line in Encoding.UTF8.GetString(buffer, 0, length).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                _received.Enqueue((_clock.Elapsed, line));
            }
        }
    }
}
