using EdgeGateway.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Hosting;

/// <summary>
/// Runs the ring's consumer (latest values, aggregation, outbox appender) on its own thread. Started before the
/// buses, so it stops after them (<see cref="GatewayParts"/>): the ring is then completed and drained into the outbox before the process exits.
/// A consumer that dies is fatal: nothing polled could reach the outbox any more.
/// </summary>
internal sealed partial class PipelineService(GatewayRuntime runtime, GatewayExit exit, IHostApplicationLifetime lifetime, ILogger<PipelineService> logger) : IHostedService
{
    private ThreadEnding? _thread;

    /// <summary>How long a stop waits for the consumer to drain the ring and flush.</summary>
    public static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(15);

    public bool IsAlive => _thread is { IsAlive: true };

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The outbox logs its own opening, and a quarantined (damaged) database both in the log and as an event.
        _thread = new ThreadEnding("ring consumer", Run);
        _thread.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        runtime.Ring.Complete();
        if (_thread is not null && !await _thread.WaitForEndAsync(DrainLimit).ConfigureAwait(false))
        {
            // Nothing here touches the aggregation or the outbox: the consumer thread owns them, and it still runs. It
            // saves and flushes itself if it ends before the process does; what it committed is durable already.
            LogDrainTimedOut(logger, DrainLimit.TotalSeconds);
        }
    }

    /// <summary>
    /// The consumer's thread: the consumer until the ring is completed and drained (or it fails), then the last save
    /// and flush, here, after the last batch: a stop must never save or flush beside a consumer still writing.
    /// </summary>
    private void Run()
    {
        try
        {
            runtime.Consumer.Run();
        }
        catch (Exception exception)
        {
            LogConsumerFailed(logger, exception);
            exit.Fail("the ring consumer failed: " + exception.Message);
            lifetime.StopApplication();
        }

        try
        {
            Finish();
        }
        catch (Exception exception)
        {
            // This thread's last act must not take the process down with an unhandled exception.
            LogFinishFailed(logger, exception);
        }
    }

    private void Finish()
    {
        runtime.Aggregation.Save(runtime.FieldClock.GetUtcNow());
        try
        {
            runtime.Appender.MakeDurable();
        }
        catch (OutboxStorageException exception)
        {
            // A full disk at the stop: what was committed stays committed; only the last second's flush is missing.
            LogFinalFlushFailed(logger, exception);
        }

        if (runtime.Appender.Statistics.ReadingsHeld > 0)
        {
            LogHeldReadingsLost(logger, runtime.Appender.Statistics.ReadingsHeld);
        }

        LogStopped(logger, runtime.Consumer.Consumed, runtime.Outbox.LastSequence);
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The ring consumer failed; stopping the gateway")]
    private static partial void LogConsumerFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The ring consumer did not finish draining within {Seconds} s; the stop goes on without its last flush")]
    private static partial void LogDrainTimedOut(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "The consumer's last save and flush failed")]
    private static partial void LogFinishFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox's last flush at the stop failed")]
    private static partial void LogFinalFlushFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stopping with {Held} readings held in memory that the outbox could not take (disk full): they are lost")]
    private static partial void LogHeldReadingsLost(ILogger logger, long held);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pipeline stopped: {Consumed} readings consumed, outbox up to sequence {Last}")]
    private static partial void LogStopped(ILogger logger, long consumed, long last);
}
