using EdgeGateway.Hosting.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Hosting;

/// <summary>
/// Sends systemd's WATCHDOG=1 at half of <c>WatchdogSec</c>, but only while the pipeline really works: every bus loop
/// runs and the ring consumer went round its loop recently. A hung consumer or a dead bus thread stops the pings,
/// and systemd restarts the service. Field faults (an analyzer that does not answer, a broker that is down) are not
/// hangs: a restart would not cure them, so they do not stop the pings. Hosting.Systemd sends READY and STOPPING only.
/// </summary>
internal sealed partial class WatchdogService(GatewayHealthProbe health, ILogger<WatchdogService> logger, ISystemdNotifier? notifier = null) : BackgroundService
{
    private static readonly ServiceState Ping = new("WATCHDOG=1");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!ulong.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), out var microseconds) || microseconds == 0)
        {
            return;
        }

        var pid = Environment.GetEnvironmentVariable("WATCHDOG_PID");
        if (pid is not null && pid != Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return;
        }

        var systemd = notifier ?? new SystemdNotifier();
        if (!systemd.IsEnabled)
        {
            return;
        }

        string? lastProblem = null;
        using var timer = new PeriodicTimer(TimeSpan.FromMicroseconds(microseconds) / 2);
        do
        {
            var problem = health.Problem();
            if (problem is null)
            {
                systemd.Notify(Ping);
            }
            else if (problem != lastProblem)
            {
                LogUnhealthy(logger, problem);
            }

            lastProblem = problem;
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Not pinging the systemd watchdog: {Problem}")]
    private static partial void LogUnhealthy(ILogger logger, string problem);
}
