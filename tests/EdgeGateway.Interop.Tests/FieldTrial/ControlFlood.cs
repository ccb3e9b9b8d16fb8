using System.Net.Sockets;
using System.Text;

namespace EdgeGateway.Interop.Tests.FieldTrial;

/// <summary>Idle connections to the service's control socket, as a stuck or hostile local client leaves them.</summary>
internal sealed class ControlFlood : IDisposable
{
    private readonly List<Socket> _sockets = [];

    private ControlFlood()
    {
    }

    /// <summary>How many connections the service accepted (connect succeeded).</summary>
    public int Opened => _sockets.Count;

    /// <summary>Why the flood stopped short of the count asked for; null when every connection was made.</summary>
    public string? Refusal { get; private set; }

    public static async Task<ControlFlood> OpenAsync(string socketPath, int count)
    {
        var flood = new ControlFlood();
        for (var index = 0; index < count; index++)
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var socket = await ConnectAsync(socketPath, limit.Token);
            if (socket is null)
            {
                flood.Refusal = $"connection {index + 1} not accepted within 2 s";
                break;
            }

            flood._sockets.Add(socket);
        }

        return flood;
    }

    // .NET connects a Unix socket without blocking: while the service's listen backlog is full (a burst faster than it
    // accepts) connect fails with EAGAIN at once, where a blocking client would wait. The flood waits like one.
    private static async Task<Socket?> ConnectAsync(string socketPath, CancellationToken limit)
    {
        while (true)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), limit);
                return socket;
            }
            catch (SocketException refused) when (refused.SocketErrorCode is SocketError.WouldBlock or SocketError.TryAgain && !limit.IsCancellationRequested)
            {
                socket.Dispose();
                try
                {
                    await Task.Delay(20, limit);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
            }
            catch (Exception exception) when (exception is SocketException or OperationCanceledException)
            {
                socket.Dispose();
                return null;
            }
        }
    }

    /// <summary>A control ping on a fresh connection: the reply line, or why there was none within <paramref name="limit"/>.</summary>
    public static async Task<(bool Answered, string What)> PingAsync(string socketPath, TimeSpan limit)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), deadline.Token);
            await socket.SendAsync(Encoding.UTF8.GetBytes("{\"v\":1,\"id\":\"trial\",\"command\":\"ping\"}\n"), deadline.Token);
            var buffer = new byte[65536];
            var received = new StringBuilder();
            while (!received.ToString().Contains('\n', StringComparison.Ordinal))
            {
                var length = await socket.ReceiveAsync(buffer, deadline.Token);
                if (length == 0)
                {
                    return (false, $"the service closed the connection without a reply (received '{received}')");
                }

                received.Append(Encoding.UTF8.GetString(buffer, 0, length));
            }

            var reply = received.ToString().Trim();
            return (reply.Contains("\"ok\":true", StringComparison.Ordinal), reply);
        }
        catch (OperationCanceledException)
        {
            return (false, $"no reply within {limit.TotalSeconds:0} s");
        }
        catch (SocketException exception)
        {
            return (false, $"{exception.SocketErrorCode}: {exception.Message}");
        }
    }

    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
    }
}
