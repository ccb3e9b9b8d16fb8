using System.Globalization;
using System.Text.Json;
using EdgeGateway.Hosting.Health;
using EdgeGateway.Uplink.Mqtt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Hosting;

/// <summary>
/// Keeps the retained status message current: shortly after every connect and then every
/// <see cref="Interval"/>, it republishes "online" with a health summary (devices, backlog, storage), so the platform
/// sees a silent analyzer or a growing backlog without asking. The last will still says "offline" when the link dies.
/// </summary>
internal sealed partial class HealthReporter(GatewayRuntime runtime, GatewayHealthProbe probe, ILogger<HealthReporter> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan AfterConnect = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // No polling tick: the loop sleeps until the link connects, then until the next report is due or the
        // connection changes (a 1 s tick woke a thread-pool thread every second for nothing, issue 18).
        var link = runtime.Link;
        while (true)
        {
            await link.WaitUntilConnectedAsync(stoppingToken).ConfigureAwait(false);
            var connects = link.Statistics.Connects;

            // A new connection published the plain birth; follow it with the full status soon.
            var due = AfterConnect;
            while (await SameConnectionAfterAsync(link, connects, due, stoppingToken).ConfigureAwait(false))
            {
                due = Interval;
                var outcome = await link.PublishAsync(link.StatusTopic, StatusWithHealth(probe.Collect()), retain: true, cancellationToken: stoppingToken).ConfigureAwait(false);
                if (!outcome.Succeeded)
                {
                    LogReportFailed(logger, outcome.ToString());
                }
            }
        }
    }

    /// <summary>
    /// Sleeps for <paramref name="span"/>; true when the link is still on the connection counted by
    /// <paramref name="connects"/> at the end, false as soon as it drops or reconnects (then a new birth needs a report).
    /// </summary>
    private static async Task<bool> SameConnectionAfterAsync(MqttLink link, long connects, TimeSpan span, CancellationToken stoppingToken)
    {
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnStateChanged(object? sender, MqttLinkStateChangedEventArgs args) => changed.TrySetResult();
        link.StateChanged += OnStateChanged;
        try
        {
            if (!link.IsConnected || link.Statistics.Connects != connects)
            {
                return false;
            }

            using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var elapsed = Task.Delay(span, sleep.Token);
            var first = await Task.WhenAny(elapsed, changed.Task).ConfigureAwait(false);
            await sleep.CancelAsync().ConfigureAwait(false);
            stoppingToken.ThrowIfCancellationRequested();
            if (first == elapsed)
            {
                return link.IsConnected && link.Statistics.Connects == connects;
            }

            // A state change: a drop or a reconnect ends this connection's reports; anything else sleeps on.
            return link.IsConnected && link.Statistics.Connects == connects
                && await SameConnectionAfterAsync(link, connects, span, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            link.StateChanged -= OnStateChanged;
        }
    }

    private byte[] StatusWithHealth(GatewayHealth health)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("gatewayId", runtime.Settings.GatewayId);
            writer.WriteString("status", "online");
            writer.WriteString("version", runtime.Settings.Link.SoftwareVersion);
            writer.WriteString("startedAt", runtime.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WritePropertyName("health");
            JsonSerializer.Serialize(writer, health, HealthJsonContext.Default.GatewayHealth);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The status with health was not published: {Outcome}")]
    private static partial void LogReportFailed(ILogger logger, string outcome);
}
