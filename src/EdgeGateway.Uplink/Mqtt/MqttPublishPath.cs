using System.Buffers;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace EdgeGateway.Uplink.Mqtt;

/// <summary>
/// The link's way out: builds each message, holds a slot of the connection's in-flight window while a QoS 1/2
/// publish awaits its acknowledgement, bounds the wait, and turns every expected failure into a
/// <see cref="PublishOutcome"/>, counting each.
/// </summary>
internal sealed class MqttPublishPath
{
    private readonly IMqttClient _client;
    private readonly MqttProtocolLevel _protocol;
    private volatile PublishWindow _window;
    private long _publishes;
    private long _acknowledged;
    private long _failedDisconnected;
    private long _failedTimedOut;
    private long _failedRejected;

    public MqttPublishPath(IMqttClient client, MqttProtocolLevel protocol, int maxInFlight)
    {
        _client = client;
        _protocol = protocol;
        _window = new PublishWindow(maxInFlight);
    }

    /// <summary>QoS 1/2 publishes awaiting acknowledgement now.</summary>
    public int InFlight => _window.InFlight;

    /// <summary>The in-flight window of the current connection.</summary>
    public int WindowSize => _window.Size;

    /// <summary>A new connection's window (its size may depend on the broker's Receive Maximum).</summary>
    public void OpenWindow(int size) => _window = new PublishWindow(size);

    /// <summary>The publish counters, into the link's statistics.</summary>
    public MqttLinkStatistics CountInto(MqttLinkStatistics statistics) => statistics with
    {
        Publishes = Interlocked.Read(ref _publishes),
        Acknowledged = Interlocked.Read(ref _acknowledged),
        FailedDisconnected = Interlocked.Read(ref _failedDisconnected),
        FailedTimedOut = Interlocked.Read(ref _failedTimedOut),
        FailedRejected = Interlocked.Read(ref _failedRejected),
    };

    public async Task<PublishOutcome> PublishAsync(
        string topic,
        ReadOnlyMemory<byte> payload,
        MqttQualityOfServiceLevel qualityOfService,
        bool retain,
        MqttPublishProperties? properties,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _publishes);
        if (!_client.IsConnected)
        {
            return Count(new PublishOutcome(PublishStatus.Disconnected, Detail: "the link is not connected"));
        }

        MqttApplicationMessage message = BuildMessage(topic, payload, qualityOfService, retain, properties);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        PublishWindow? window = null;
        try
        {
            if (qualityOfService != MqttQualityOfServiceLevel.AtMostOnce)
            {
                window = await EnterWindowAsync(deadline.Token).ConfigureAwait(false);
            }

            if (!_client.IsConnected)
            {
                return Count(new PublishOutcome(PublishStatus.Disconnected, Detail: "the connection was lost while waiting for the in-flight window"));
            }

            // The PUBACK wait ends only with this token (docs/library-notes.md §1), hence the deadline.
            MqttClientPublishResult result = await _client.PublishAsync(message, deadline.Token).ConfigureAwait(false);
            if (qualityOfService == MqttQualityOfServiceLevel.AtMostOnce)
            {
                return Count(new PublishOutcome(PublishStatus.Sent));
            }

            return Count(result.IsSuccess
                ? new PublishOutcome(PublishStatus.Acknowledged, result.ReasonCode)
                : new PublishOutcome(PublishStatus.Rejected, result.ReasonCode, string.IsNullOrEmpty(result.ReasonString) ? $"the broker answered {result.ReasonCode}" : result.ReasonString));
        }
        catch (Exception exception) when (exception is OperationCanceledException or MqttCommunicationTimedOutException && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The publish was cancelled by its caller.", exception, cancellationToken);
        }
        catch (Exception exception) when (exception is OperationCanceledException or MqttCommunicationTimedOutException)
        {
            // MQTTnet surfaces a cancelled PUBACK wait as MqttCommunicationTimedOutException (docs/library-notes.md §1).
            return Count(new PublishOutcome(PublishStatus.TimedOut, Detail: window is null
                ? $"no room in the in-flight window ({_window.Size}) within {timeout.TotalSeconds:0.###} s"
                : $"no acknowledgement within {timeout.TotalSeconds:0.###} s"));
        }
        catch (Exception exception) when (MqttFailureText.IsConnectionFailure(exception))
        {
            return Count(new PublishOutcome(PublishStatus.Disconnected, Detail: MqttFailureText.Describe(exception)));
        }
        finally
        {
            window?.Release();
        }
    }

    private async Task<PublishWindow> EnterWindowAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            PublishWindow window = _window;
            await window.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (ReferenceEquals(window, _window))
            {
                return window;
            }

            // A reconnect replaced the window while this publish waited: the slot belongs to a dead connection.
            window.Release();
        }
    }

    private MqttApplicationMessage BuildMessage(string topic, ReadOnlyMemory<byte> payload, MqttQualityOfServiceLevel qualityOfService, bool retain, MqttPublishProperties? properties)
    {
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(new ReadOnlySequence<byte>(payload))
            .WithQualityOfServiceLevel(qualityOfService)
            .WithRetainFlag(retain);

        // MQTT 3.1.1 has no properties; MQTTnet would throw on them, and the 3.1.1 convention carries them in the payload.
        if (properties is not null && _protocol == MqttProtocolLevel.Mqtt5)
        {
            if (properties.ContentType is not null)
            {
                builder.WithContentType(properties.ContentType);
            }

            if (properties.CorrelationData is { } correlation)
            {
                builder.WithCorrelationData(correlation.ToArray());
            }

            if (properties.ResponseTopic is not null)
            {
                builder.WithResponseTopic(properties.ResponseTopic);
            }

            if (properties.MessageExpiry is { } expiry)
            {
                builder.WithMessageExpiryInterval((uint)Math.Clamp(Math.Ceiling(expiry.TotalSeconds), 1, uint.MaxValue));
            }

            foreach (KeyValuePair<string, string> property in properties.UserProperties)
            {
                builder.WithUserProperty(property.Key, System.Text.Encoding.UTF8.GetBytes(property.Value).AsMemory());
            }
        }

        return builder.Build();
    }

    private PublishOutcome Count(PublishOutcome outcome)
    {
        switch (outcome.Status)
        {
            case PublishStatus.Acknowledged or PublishStatus.Sent:
                Interlocked.Increment(ref _acknowledged);
                break;
            case PublishStatus.Disconnected:
                Interlocked.Increment(ref _failedDisconnected);
                break;
            case PublishStatus.TimedOut:
                Interlocked.Increment(ref _failedTimedOut);
                break;
            default:
                Interlocked.Increment(ref _failedRejected);
                break;
        }

        return outcome;
    }
}
