namespace EdgeGateway.Uplink.Platforms;

/// <summary>One open byte stream to a platform. Disposing it closes it.</summary>
/// <remarks>
/// One reader and one writer at a time (the session serialises its writes). A failed send or receive throws
/// <see cref="IOException"/> (or <see cref="System.Net.Sockets.SocketException"/>); the session then drops the link.
/// </remarks>
public interface IPlatformConnection : IAsyncDisposable
{
    /// <summary>The peer, for logs and the audit trail (e.g. <c>tcp://10.1.2.3:8002</c>).</summary>
    string RemoteAddress { get; }

    /// <summary>Writes all of <paramref name="bytes"/>.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken);

    /// <summary>Reads what has arrived into <paramref name="buffer"/>; 0 when the platform closed the connection.</summary>
    ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken);
}
