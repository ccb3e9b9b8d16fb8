using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace EdgeGateway.Control.Contract;

/// <summary>The client side of the control protocol, for <c>egw</c>: connect, send a request, read its response.</summary>
public sealed class ControlClient : IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly byte[] _buffer = new byte[1 << 20];
    private int _filled;
    private int _nextId;

    private ControlClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>The socket path from an explicit option, else <c>$EGW_SOCKET</c>, else the default.</summary>
    public static string ResolvePath(string? option) =>
        !string.IsNullOrEmpty(option) ? option
        : Environment.GetEnvironmentVariable(ControlProtocol.SocketVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : ControlProtocol.DefaultSocketPath;

    /// <exception cref="ControlUnavailableException">No service listens there, or this user may not connect.</exception>
    public static ControlClient Connect(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return new ControlClient(socket);
        }
        catch (SocketException exception)
        {
            socket.Dispose();
            throw new ControlUnavailableException(
                exception.SocketErrorCode switch
                {
                    SocketError.AccessDenied => $"permission denied on {path}: add yourself to the edge-gateway group (sudo usermod -aG edge-gateway $USER, then log in again)",
                    _ when !File.Exists(path) => $"the gateway service is not running (no socket at {path}; another one can be given with --socket or EGW_SOCKET)",
                    SocketError.AddressNotAvailable or SocketError.ConnectionRefused => $"the gateway service is not running (nothing listens on {path}); start it with: sudo systemctl start edge-gateway",
                    _ => $"cannot connect to {path}: {exception.Message}",
                },
                permissionDenied: exception.SocketErrorCode == SocketError.AccessDenied);
        }
    }

    /// <summary>Sends one request and waits for its response.</summary>
    public ControlResponse Send(string command, JsonElement? args = null, TimeSpan? timeout = null)
    {
        var id = (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = JsonSerializer.SerializeToUtf8Bytes(new ControlRequest(ControlProtocol.Version, id, command, args), ControlJsonContext.Default.ControlRequest);
        _socket.ReceiveTimeout = (int)(timeout ?? TimeSpan.FromSeconds(10)).TotalMilliseconds;
        _stream.Write(request);
        _stream.Write("\n"u8);
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', 0, _filled);
            if (newline >= 0)
            {
                var response = JsonSerializer.Deserialize(_buffer.AsSpan(0, newline), ControlJsonContext.Default.ControlResponse)
                    ?? throw new ControlUnavailableException("the gateway answered an empty response");
                _filled -= newline + 1;
                Buffer.BlockCopy(_buffer, newline + 1, _buffer, 0, _filled);
                return response;
            }

            int read;
            try
            {
                read = _stream.Read(_buffer, _filled, _buffer.Length - _filled);
            }
            catch (IOException exception)
            {
                throw new ControlUnavailableException($"the gateway did not answer '{command}': {exception.Message}");
            }

            if (read == 0)
            {
                throw new ControlUnavailableException($"the gateway closed the connection without answering '{command}'");
            }

            _filled += read;
        }
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>For messages: the response's error as one line.</summary>
    public static string Describe(ControlError? error) =>
        error is null ? "unknown error" : new StringBuilder(error.Message).Append(" (").Append(error.Code).Append(')').ToString();
}
