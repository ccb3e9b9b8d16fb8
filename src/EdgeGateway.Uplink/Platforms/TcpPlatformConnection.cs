using System.Net.Sockets;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>An open TCP connection to a platform (<see cref="TcpPlatformConnector"/>).</summary>
internal sealed class TcpPlatformConnection(TcpClient client, string remoteAddress) : IPlatformConnection
{
    private readonly NetworkStream _stream = client.GetStream();

    public string RemoteAddress => remoteAddress;

    public ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        _stream.WriteAsync(bytes, cancellationToken);

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        _stream.ReadAsync(buffer, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        client.Dispose();
    }
}
