using Microsoft.Extensions.Logging;

namespace EdgeGateway.Storage;

/// <summary>The SQLite outbox's log lines, source-generated (no boxing, AOT-safe).</summary>
internal static partial class SqliteOutboxLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Outbox {Path}: opened ({Synchronous}), last sequence {LastSequence}, acknowledged prefix {Prefix}")]
    public static partial void Opened(ILogger logger, string path, OutboxSynchronous synchronous, long lastSequence, long prefix);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Outbox {Path}: the database is damaged ({Reason}); moved aside to {QuarantinedPath}, a new one created, numbering continues after {SalvagedLastSequence}")]
    public static partial void Quarantined(ILogger logger, string path, string reason, string quarantinedPath, long? salvagedLastSequence);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Outbox: size cap {MaxBytes} bytes reached; deleted {Records} records (sequences {First}-{Last}), {Unacknowledged} of them never delivered")]
    public static partial void Evicted(ILogger logger, long maxBytes, long records, long first, long last, long unacknowledged);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Outbox: {Operation} failed ({Failure})")]
    public static partial void OperationFailed(ILogger logger, string operation, OutboxFailureKind failure, Exception exception);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error, Message = "Outbox {Path} cannot be opened; readings are held in memory and the open is tried again every {RetryInterval}")]
    public static partial void OpenFailed(ILogger logger, string path, TimeSpan retryInterval, Exception exception);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Outbox {Path} opened after {FailedOpens} failed attempts")]
    public static partial void OpenedLate(ILogger logger, string path, long failedOpens);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "Outbox {Path}: destination {Destination} added; it starts after sequence {LastSequence} (what was stored before is not owed to it)")]
    public static partial void DestinationAdded(ILogger logger, string path, string destination, long lastSequence);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "Outbox {Path}: destination {Destination} is no longer configured; its acknowledgements are forgotten")]
    public static partial void DestinationForgotten(ILogger logger, string path, string destination);
}
