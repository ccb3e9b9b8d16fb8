using Microsoft.Extensions.Logging;
using MQTTnet;

namespace EdgeGateway.Uplink.Mqtt;

/// <summary>
/// The link's keep-alive: one <see cref="MqttKeepAlive"/> per connection, started after the CONNACK with the broker's
/// Server Keep Alive if it sent one, else the configured period; when it ends by itself (a ping failed and the
/// connection was cut, or the connection was found lost) it wakes the link's connect loop.
/// </summary>
internal sealed class MqttLinkKeepAlive(
    IMqttClient client,
    MqttKeepAliveAdapterFactory adapters,
    TimeSpan keepAlive,
    TimeProvider time,
    ILogger logger,
    string broker,
    SemaphoreSlim connectionLost)
{
    private CancellationTokenSource? _stop;
    private volatile string? _failure;

    /// <summary>Why the keep-alive cut the current connection (a ping failed or went unanswered); null while it has not.</summary>
    public string? Failure => _failure;

    /// <summary>Starts keeping the connection just made alive; call from the connect loop only.</summary>
    public void Start(CancellationToken stopping)
    {
        Stop();
        _failure = null;
        MqttKeepAliveAdapter adapter = adapters.Current
            ?? throw new InvalidOperationException("MQTTnet connected without asking the adapter factory for an adapter.");

        // MQTT-3.2.2-21: the broker's Server Keep Alive, when it sends one, replaces the client's.
        TimeSpan period = adapter.ServerKeepAliveSeconds > 0 ? TimeSpan.FromSeconds(adapter.ServerKeepAliveSeconds) : keepAlive;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _ = RunAsync(new MqttKeepAlivePeer(client, adapter), period, _stop.Token);
    }

    /// <summary>Stops the current connection's keep-alive (the loop noticed the loss, or the link is stopping).</summary>
    public void Stop()
    {
        _stop?.Cancel();
        _stop?.Dispose();
        _stop = null;
    }

    private async Task RunAsync(IMqttKeepAlivePeer peer, TimeSpan period, CancellationToken cancellationToken)
    {
        try
        {
            string? failure = await MqttKeepAlive.RunAsync(peer, period, time, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                // Noted before the cut, so the connect loop woken by MQTTnet's Disconnected event reports why.
                _failure = failure;
                MqttLinkLog.KeepAliveFailed(logger, broker, failure);
                await peer.AbortAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the link: it already knows.
            return;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            MqttLinkLog.KeepAliveFailed(logger, broker, MqttFailureText.Describe(exception));
        }

        connectionLost.Release();
    }
}
