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
        long reportedConnects = -1;
        var nextReport = DateTimeOffset.MaxValue;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (!runtime.Link.IsConnected)
            {
                continue;
            }

            var now = DateTimeOffset.UtcNow;
            var connects = runtime.Link.Statistics.Connects;
            if (connects != reportedConnects)
            {
                // A new connection published the plain birth; follow it with the full status soon.
                reportedConnects = connects;
                nextReport = now + AfterConnect;
            }

            if (now < nextReport)
            {
                continue;
            }

            nextReport = now + Interval;
            var outcome = await runtime.Link.PublishAsync(runtime.Link.StatusTopic, StatusWithHealth(probe.Collect()), retain: true, cancellationToken: stoppingToken).ConfigureAwait(false);
            if (!outcome.Succeeded)
            {
                LogReportFailed(logger, outcome.ToString());
            }
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
