using EdgeGateway.FieldBus.Polling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Hosting;

/// <summary>
/// One bus's poll loop on its own thread. Contains the bus's failures: an unexpected exception restarts the loop after
/// a pause instead of taking the gateway (and the other buses) down.
/// </summary>
internal sealed partial class BusService(BusPoller poller, ILogger<BusService> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _stopping = new();
    private ThreadEnding? _thread;
    private long _restarts;

    public BusPoller Poller => poller;

    /// <summary>Whether the loop's thread runs (for the watchdog).</summary>
    public bool IsAlive => _thread is { IsAlive: true };

    public long Restarts => Interlocked.Read(ref _restarts);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _thread = new ThreadEnding($"bus {poller.Name}", Run);
        _thread.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();

        // The loop blocks at most one answer timeout (with retries) in the transport before it sees the cancellation.
        if (_thread is not null && !await _thread.WaitForEndAsync(StopLimit).ConfigureAwait(false))
        {
            LogStopTimedOut(logger, poller.Name, StopLimit.TotalSeconds);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private void Run()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                poller.Run(token);
            }
            catch (Exception exception)
            {
                Interlocked.Increment(ref _restarts);
                LogLoopFailed(logger, exception, poller.Name, RestartDelay);
                token.WaitHandle.WaitOne(RestartDelay);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Bus {Bus}: the poll loop failed; restarting it in {Delay}")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception, string bus, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bus {Bus}: the poll loop did not end within {Seconds} s of the stop; the stop goes on without it")]
    private static partial void LogStopTimedOut(ILogger logger, string bus, double seconds);
}
