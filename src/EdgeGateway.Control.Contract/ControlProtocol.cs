namespace EdgeGateway.Control.Contract;

/// <summary>
/// The local control protocol between the service and <c>egw</c>: one JSON object per line over a Unix domain stream
/// socket, a request and then its response, any number per connection. docs/control-protocol.md describes it.
/// </summary>
public static class ControlProtocol
{
    /// <summary>Raised only on an incompatible change; a server answers other versions with <c>unsupported-version</c>.</summary>
    public const int Version = 1;

    /// <summary>A longer request line is refused (and the connection closed): no client can make the service buffer without bound.</summary>
    public const int MaxRequestBytes = 64 * 1024;

    public const string DefaultSocketPath = "/run/edge-gateway/control.sock";

    /// <summary>The environment variable <c>egw</c> reads when no <c>--socket</c> is given.</summary>
    public const string SocketVariable = "EGW_SOCKET";
}
