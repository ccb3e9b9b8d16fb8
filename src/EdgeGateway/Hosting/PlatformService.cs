using EdgeGateway.Platforms;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Hosting;

/// <summary>
/// Runs the HJ 212 platform links. Started before the pipeline, like the MQTT uplink, so it stops after the pipeline
/// has drained the ring into the outbox: what a platform is owed and not yet acknowledged stays in the outbox under
/// its own cursor for the next start.
/// </summary>
internal sealed partial class PlatformService(PlatformLinkSet platforms, ILogger<PlatformService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var link in platforms.Links)
        {
            LogStarting(logger, link.Options.Name, link.Options.Address, link.Options.Edition == Hj212.Codes.Hj212Edition.Edition2025 ? "2025" : "2017", link.Options.Enabled);
        }

        platforms.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await platforms.StopAsync(cancellationToken).ConfigureAwait(false);
        foreach (var status in platforms.Snapshot())
        {
            LogStopped(logger, status.Name, status.PacketsSent, status.Resends, status.BacklogRecords);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HJ 212 platform {Name} at {Address} (edition {Edition}, enabled {Enabled})")]
    private static partial void LogStarting(ILogger logger, string name, string address, string edition, bool enabled);

    [LoggerMessage(Level = LogLevel.Information, Message = "HJ 212 platform {Name} stopped: {Sent} packets sent, {Resends} re-sends, {Backlog} records owed for the next start")]
    private static partial void LogStopped(ILogger logger, string name, long sent, long resends, long backlog);
}
