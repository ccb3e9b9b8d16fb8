namespace EdgeGateway.Uplink.Mqtt;

/// <summary>
/// Keeps one MQTT connection alive with one timer: it sleeps until a whole keep-alive period has passed since the last
/// packet sent, and pings only then (MQTT-3.1.2-23: the client sends something within every period), so while
/// publishes flow it wakes at most once per period and sends nothing. A ping not answered within half a period (the
/// broker allows 1.5 periods, MQTT-3.1.2-24) or failing ends it with the reason, and the caller cuts the connection:
/// a broker that stopped answering is given up within 1.5 periods of the last packet sent. Each wake also looks at the connection, so a lost connection whose
/// Disconnected event was somehow missed is still noticed.
/// </summary>
internal static class MqttKeepAlive
{
    /// <summary>Runs until the connection is found lost (returns null), a ping fails (returns why) or the token is cancelled.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<string?> RunAsync(IMqttKeepAlivePeer peer, TimeSpan period, TimeProvider time, CancellationToken cancellationToken)
    {
        while (peer.IsConnected)
        {
            TimeSpan idle = time.GetElapsedTime(peer.LastPacketSentTimestamp);
            if (idle < period)
            {
                await Task.Delay(period - idle, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            string? failure = await PingAsync(peer, period / 2, time, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                return failure;
            }
        }

        return null;
    }

    private static async Task<string?> PingAsync(IMqttKeepAlivePeer peer, TimeSpan limit, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await peer.PingAsync(linked.Token).ConfigureAwait(false);
            return null;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (Exception) when (timeout.IsCancellationRequested)
        {
            return $"no PINGRESP within {limit.TotalSeconds:0.#} s (half the keep-alive)";
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return $"the keep-alive ping failed: {MqttFailureText.Describe(exception)}";
        }
    }
}
