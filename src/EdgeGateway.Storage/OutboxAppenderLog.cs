using Microsoft.Extensions.Logging;

namespace EdgeGateway.Storage;

/// <summary>The appender's log lines, source-generated (no boxing, AOT-safe).</summary>
internal static partial class OutboxAppenderLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Error, Message = "Outbox refuses appends ({Failure}); readings are held in memory (up to {Capacity}) and stored again every {RetryInterval}")]
    public static partial void StorageFailed(ILogger logger, OutboxFailureKind failure, int capacity, TimeSpan retryInterval, Exception exception);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Outbox accepts appends again after {Duration}; {Held} held readings stored, {Lost} lost")]
    public static partial void StorageResumed(ILogger logger, TimeSpan duration, long held, long lost);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Error, Message = "Outbox still failing and the memory queue is full: dropping the oldest held readings (counted and announced when storage resumes)")]
    public static partial void ReadingsDropping(ILogger logger);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Outbox {Operation} failed ({Failure}); tried again later")]
    public static partial void MaintenanceFailed(ILogger logger, string operation, OutboxFailureKind failure, Exception exception);
}
