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
    private Thread? _thread;

    public bool IsAlive => _thread is { IsAlive: true };

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The outbox logs its own opening, and a quarantined (damaged) database both in the log and as an event.
        _thread = new Thread(Run) { IsBackground = true, Name = "ring consumer" };
        _thread.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        runtime.Ring.Complete();
        if (_thread is not null && !_thread.Join(TimeSpan.FromSeconds(15)))
        {
            LogDrainTimedOut(logger);
        }

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
        return Task.CompletedTask;
    }

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
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The ring consumer failed; stopping the gateway")]
    private static partial void LogConsumerFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The ring consumer did not finish draining within 15 s")]
    private static partial void LogDrainTimedOut(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox's last flush at the stop failed")]
    private static partial void LogFinalFlushFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stopping with {Held} readings held in memory that the outbox could not take (disk full): they are lost")]
    private static partial void LogHeldReadingsLost(ILogger logger, long held);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pipeline stopped: {Consumed} readings consumed, outbox up to sequence {Last}")]
    private static partial void LogStopped(ILogger logger, long consumed, long last);
}
