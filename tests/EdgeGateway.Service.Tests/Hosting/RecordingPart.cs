using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Service.Tests.Hosting;

/// <summary>A part that writes its start and stop into a shared log, and can refuse to start.</summary>
internal sealed class RecordingPart(string name, List<string> log, Exception? startFailure = null) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        log.Add("start " + name);
        return startFailure is null ? Task.CompletedTask : Task.FromException(startFailure);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        log.Add("stop " + name);
        return Task.CompletedTask;
    }
}
