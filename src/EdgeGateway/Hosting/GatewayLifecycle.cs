using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Hosting;

/// <summary>
/// The gateway's one hosted service: starts its parts one after the other in the order <see cref="GatewayParts"/>
/// declares and stops those that started in reverse, so that the order lives in one place instead of in the order of
/// registrations. A part's own background loop failing is reported as this service failing, with the part's exception,
/// so the host handles it as it would the part's (<see cref="BackgroundServiceExceptionBehavior.StopHost"/>).
/// </summary>
/// <remarks>
/// A part that fails to start stops the start with its exception, as a hosted service of its own would; the parts
/// started before it are not stopped (the host does not stop them either: it never ran).
/// </remarks>
internal sealed class GatewayLifecycle(IReadOnlyList<IHostedService> parts) : BackgroundService
{
    private readonly List<IHostedService> _started = [];

    /// <summary>The parts in the order they start.</summary>
    public IReadOnlyList<IHostedService> Parts => parts;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var part in parts)
        {
            await part.StartAsync(cancellationToken).ConfigureAwait(false);
            _started.Add(part);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // First the watch on the parts' loops, so that their ending on the stop is not taken for a failure.
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        List<Exception>? failures = null;
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            try
            {
                await _started[i].StopAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // As the host does with its services: the others still stop, and the failures are reported after.
                (failures ??= []).Add(exception);
            }
        }

        _started.Clear();
        if (failures is [var single])
        {
            ExceptionDispatchInfo.Throw(single);
        }

        if (failures is not null)
        {
            throw new AggregateException("One or more gateway parts failed to stop.", failures);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = _started.OfType<BackgroundService>().Select(part => part.ExecuteTask).OfType<Task>().ToList();
        while (running.Count > 0)
        {
            var ended = await Task.WhenAny(running).WaitAsync(stoppingToken).ConfigureAwait(false);
            running.Remove(ended);

            // A loop that ends by itself is fine (the watchdog without systemd's watchdog); one that fails is the host's.
            await ended.ConfigureAwait(false);
        }
    }
}
