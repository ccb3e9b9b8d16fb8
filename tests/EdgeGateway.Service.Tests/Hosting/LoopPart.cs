using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Service.Tests.Hosting;

/// <summary>A part with a background loop that fails with <paramref name="failure"/>, ends by itself (null), or runs until stopped.</summary>
internal sealed class LoopPart(Exception? failure, bool runUntilStopped = false) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (failure is not null)
        {
            throw failure;
        }

        if (runUntilStopped)
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
    }
}
