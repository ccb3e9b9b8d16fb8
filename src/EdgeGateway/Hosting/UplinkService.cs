using System.Text.Json;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;
using EdgeGateway.Uplink.Mqtt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Hosting;

/// <summary>
/// Connects to the platform's broker and drains the outbox to it. Started before the pipeline and the buses, so it stops last (<see cref="GatewayParts"/>): by then the
/// pipeline has drained the ring into the outbox, and the publisher gets a short, bounded chance to send those last
/// records before the link says "offline". Whatever is not acknowledged by then stays in the outbox for the next start.
/// </summary>
internal sealed partial class UplinkService(GatewayRuntime runtime, ILogger<UplinkService> logger) : IHostedService
{
    /// <summary>How long a stop waits for the last records to be acknowledged when the link is up.</summary>
    public static readonly TimeSpan FlushOnStop = TimeSpan.FromSeconds(3);

    /// <summary>The <c>source</c> of <c>command</c> events.</summary>
    public const string CommandEventSource = "commands";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogStarting(logger, runtime.Link.Broker.ToString(), runtime.Link.TopicRoot, runtime.Settings.Payload.ToString());
        runtime.Link.StateChanged += OnLinkStateChanged;
        runtime.CommandResponder.CommandIgnored += OnCommandIgnored;
        if (runtime.Commands is not null)
        {
            // Mapped before the first connect, so the subscription is made with it.
            runtime.CommandResponder.Map(runtime.CommandResponder.CommandTopicFilter, runtime.Commands.HandleAsync);
        }

        runtime.Link.Start();
        runtime.Publisher.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        runtime.Link.StateChanged -= OnLinkStateChanged;
        runtime.CommandResponder.CommandIgnored -= OnCommandIgnored;
        await runtime.StopUplinkAsync().ConfigureAwait(false);
        LogStopped(logger, runtime.Publisher.Statistics.MessagesAcknowledged, runtime.Outbox.GetBacklog(OutboxDestinations.Mqtt).UnacknowledgedCount);
    }

    // The pipeline has already made everything durable, so the publisher may send it all, at once rather than after
    // its batch delay. The flush ends when the last record is acknowledged, the link goes down, or the bound passes.
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        using var flushing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnLinkDown(object? sender, MqttLinkStateChangedEventArgs change)
        {
            try
            {
                if (change.State != MqttLinkState.Connected)
                {
                    flushing.Cancel();
                }
            }
            catch (ObjectDisposedException)
            {
                // The link raised the change while the flush was ending: there is nothing left to cut short.
            }
        }

        runtime.Link.StateChanged += OnLinkDown;
        try
        {
            flushing.CancelAfter(FlushOnStop);
            if (runtime.Link.IsConnected)
            {
                await runtime.Publisher.FlushAsync(flushing.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (flushing.IsCancellationRequested)
        {
            // Bounded: what is not acknowledged by now stays in the outbox for the next start.
        }
        finally
        {
            runtime.Link.StateChanged -= OnLinkDown;
        }
    }

    private void OnLinkStateChanged(object? sender, MqttLinkStateChangedEventArgs change)
    {
        if (change.State == MqttLinkState.Connected)
        {
            LogConnected(logger, runtime.Link.Broker.ToString());
        }
    }

    // The platform hears of a command it will get no answer to, and of a retained command someone should clear.
    private void OnCommandIgnored(object? sender, MqttCommandIgnoredEventArgs ignored) =>
        runtime.Appender.EnqueueEvent(new GatewayEvent(DateTimeOffset.UtcNow, GatewayEventKind.Command, CommandEventSource, ignored.Description, CommandIgnoredDetail(ignored)));

    private static string CommandIgnoredDetail(MqttCommandIgnoredEventArgs ignored)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("topic", ignored.Topic);
            writer.WriteString("reason", ignored.Reason == MqttCommandIgnoredReason.Retained ? "retained" : "reply-topic-refused");
            if (ignored.ResponseTopic is not null)
            {
                writer.WriteString("responseTopic", ignored.ResponseTopic);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Uplink to {Broker}, topics {Root}/#, payload {Payload}")]
    private static partial void LogStarting(ILogger logger, string broker, string root, string payload);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to {Broker}")]
    private static partial void LogConnected(ILogger logger, string broker);

    [LoggerMessage(Level = LogLevel.Information, Message = "Uplink stopped: {Acknowledged} messages acknowledged this run, {Backlog} records left for the next start")]
    private static partial void LogStopped(ILogger logger, long acknowledged, long backlog);
}
