using System.Net.Sockets;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>Dials platforms over TCP: no Nagle delay (packets are small and answered one by one), keep-alive on.</summary>
public sealed class TcpPlatformConnector : IPlatformConnector
{
    /// <summary>How long a dial may take before it counts as failed.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public async ValueTask<IPlatformConnection> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        var client = new TcpClient { NoDelay = true };
        try
        {
            client.Client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ConnectTimeout);
            try
            {
                await client.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new IOException($"no answer from {host}:{port} within {ConnectTimeout.TotalSeconds:0.#} s");
            }

            return new TcpPlatformConnection(client, $"tcp://{host}:{port}");
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
