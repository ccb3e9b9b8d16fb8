namespace EdgeGateway.Uplink.Platforms;

/// <summary>
/// How a platform link reaches its platform: the gateway dials as the client (HJ 212 practice, docs/hj212-uplink.md).
/// The session code speaks only to <see cref="IPlatformConnection"/>, never to a socket, so tests put an in-memory
/// pipe here and the service <see cref="TcpPlatformConnector"/>.
/// </summary>
public interface IPlatformConnector
{
    /// <summary>Opens a connection to <paramref name="host"/>:<paramref name="port"/>.</summary>
    /// <exception cref="IOException">The platform could not be reached (refused, timed out, no route); the message says why.</exception>
    /// <exception cref="System.Net.Sockets.SocketException">Likewise, from a socket.</exception>
    ValueTask<IPlatformConnection> ConnectAsync(string host, int port, CancellationToken cancellationToken);
}
