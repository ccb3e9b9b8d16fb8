using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Hardware;

/// <summary>Runs <see cref="RtcClockKeeper"/>: its start-up step before the buses poll, then a check every minute.</summary>
/// <param name="keeper">The clock keeper.</param>
/// <param name="time">The timer's clock.</param>
internal sealed class RtcService(RtcClockKeeper keeper, TimeProvider? time = null) : BackgroundService
{
    // NTP usually synchronises a minute or two after boot; checking every minute writes the RTC soon after.
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Synchronously, so that the clock is set before the buses (started after this service) stamp any reading.
        keeper.Start();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval, time ?? TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                keeper.Tick();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
