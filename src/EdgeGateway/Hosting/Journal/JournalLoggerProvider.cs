using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Hosting.Journal;

/// <summary>
/// Logs straight to systemd-journald over its native protocol, so every entry carries structured fields beside the
/// message: the priority, the category, the event id and each named value of the message template (<c>{Bus}</c>
/// becomes <c>EGW_BUS</c>), which <c>journalctl -u edge-gateway EGW_BUS=rs485-1</c> or <c>-o json</c> can select on.
/// Used instead of the console logger when the service runs under systemd and the journal socket exists.
/// </summary>
internal sealed class JournalLoggerProvider : ILoggerProvider
{
    /// <summary>journald's datagram socket for native-protocol entries.</summary>
    public const string DefaultSocketPath = "/run/systemd/journal/socket";

    private readonly Socket _socket;
    private readonly UnixDomainSocketEndPoint _endpoint;
    private readonly string _identifier;
    private readonly Lock _sendLock = new();

    public JournalLoggerProvider(string socketPath = DefaultSocketPath, string identifier = "edge-gateway")
    {
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        _endpoint = new UnixDomainSocketEndPoint(socketPath);
        _identifier = identifier;
    }

    /// <summary>Entries that could not be sent (journald gone or the entry too large): counted, never thrown.</summary>
    public long Dropped { get; private set; }

    public static bool IsAvailable(string socketPath = DefaultSocketPath) => File.Exists(socketPath);

    public ILogger CreateLogger(string categoryName) => new JournalLogger(this, categoryName);

    public void Dispose() => _socket.Dispose();

    internal string Identifier => _identifier;

    internal void Send(ReadOnlySpan<byte> entry)
    {
        lock (_sendLock)
        {
            try
            {
                _socket.SendTo(entry, SocketFlags.None, _endpoint);
            }
            catch (SocketException)
            {
                // A log line must never take the gateway down; journald may be restarting.
                Dropped++;
            }
        }
    }
}
