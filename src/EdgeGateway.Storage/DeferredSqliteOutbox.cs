using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Primitives.Events;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Storage;

/// <summary>
/// The service's outbox: a <see cref="SqliteOutbox"/> that may not open at start (a full disk: SQLite cannot create
/// the file or its journal) and is then opened later, tried again every <see cref="OpenRetryInterval"/>. Until it is
/// open, appends fail like a full outbox (<see cref="OutboxStorageException"/>, so the <see cref="OutboxAppender"/>
/// holds the readings in memory and announces the outage once they are stored), reads find nothing, and
/// <see cref="OpenProblem"/> says why for the health and <c>egw status</c>.
/// </summary>
/// <remarks>Threads: as <see cref="IOutbox"/>; opening happens on the writer's calls (append, maintain), under a lock.</remarks>
public sealed class DeferredSqliteOutbox : IOutbox
{
    public static readonly TimeSpan OpenRetryInterval = TimeSpan.FromSeconds(5);

    private readonly Lock _openLock = new();
    private readonly SqliteOutboxOptions _options;
    private readonly ILogger? _logger;
    private readonly TimeProvider _time;
    private volatile SqliteOutbox? _current;
    private volatile string? _openProblem;
    private OutboxFailureKind _openFailure;
    private DateTimeOffset _nextAttempt;
    private long _failedOpens;
    private bool _disposed;

    /// <summary>Tries to open the outbox now; a failure is kept in <see cref="OpenProblem"/>, never thrown.</summary>
    public DeferredSqliteOutbox(SqliteOutboxOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        OutboxDestinations.Validate(options.Destinations, nameof(options));
        _options = options;
        _logger = logger;
        _time = options.Time ?? TimeProvider.System;
        TryOpen(force: true);
    }

    /// <summary>The open outbox; null while it cannot be opened.</summary>
    public SqliteOutbox? Current => _current;

    /// <summary>Why the outbox is not open (the last attempt's error); null once it is.</summary>
    public string? OpenProblem => _current is null ? _openProblem : null;

    /// <summary>Attempts to open it that failed.</summary>
    public long FailedOpens => Interlocked.Read(ref _failedOpens);

    public string Path => System.IO.Path.GetFullPath(_options.Path);

    /// <summary>Guid.Empty until the outbox is open: nothing can be sent before, so no message carries it.</summary>
    public Guid StoreId => _current?.StoreId ?? Guid.Empty;

    /// <summary>The destinations of the options: known before the outbox opens.</summary>
    public IReadOnlyList<string> Destinations => _options.Destinations;

    public long LastSequence => _current?.LastSequence ?? 0;

    public long DurableSequence => _current?.DurableSequence ?? 0;

    public long AcknowledgedPrefix => _current?.AcknowledgedPrefix ?? 0;

    public OutboxAppendResult Append(ReadOnlySpan<Reading> readings, IReadOnlyList<AggregateRecord> aggregates, IReadOnlyList<GatewayEvent> events) =>
        Opened().Append(readings, aggregates, events);

    public IReadOnlyList<OutboxEntry> Read(long afterSequence, int maxCount) => _current?.Read(afterSequence, maxCount) ?? [];

    public IReadOnlyList<OutboxEntry> ReadUnacknowledged(string destination, long afterSequence, int maxCount) =>
        _current?.ReadUnacknowledged(destination, afterSequence, maxCount) ?? NothingFor<IReadOnlyList<OutboxEntry>>(destination, []);

    /// <summary>See <see cref="SqliteOutbox.LatestAggregateStart"/>; null while the store is not open.</summary>
    public DateTimeOffset? LatestAggregateStart(AggregatePeriod period) => _current?.LatestAggregateStart(period);

    public IReadOnlyList<OutboxAggregate> ReadAggregates(AggregatePeriod period, DateTimeOffset fromUtc, DateTimeOffset toUtc, int maxCount) =>
        _current?.ReadAggregates(period, fromUtc, toUtc, maxCount) ?? [];

    public IReadOnlyList<OutboxReading> ReadReadings(DateTimeOffset fromUtc, DateTimeOffset toUtc, int maxCount) =>
        _current?.ReadReadings(fromUtc, toUtc, maxCount) ?? [];

    public IReadOnlyList<OutboxAggregate> ReadChannelAggregates(AggregatePeriod period, int channel, DateTimeOffset fromUtc, DateTimeOffset toUtc, int maxCount) =>
        _current?.ReadChannelAggregates(period, channel, fromUtc, toUtc, maxCount) ?? [];

    public IReadOnlyList<OutboxReading> ReadChannelReadings(int channel, DateTimeOffset fromUtc, DateTimeOffset toUtc, int maxCount) =>
        _current?.ReadChannelReadings(channel, fromUtc, toUtc, maxCount) ?? [];

    public void Acknowledge(string destination, long firstSequence, long lastSequence)
    {
        if (_current is { } outbox)
        {
            outbox.Acknowledge(destination, firstSequence, lastSequence);
            return;
        }

        throw new ArgumentOutOfRangeException(nameof(lastSequence), lastSequence, "the outbox is not open: nothing was stored to acknowledge");
    }

    public bool IsAcknowledged(string destination, long sequence) => _current?.IsAcknowledged(destination, sequence) ?? NothingFor(destination, false);

    public IReadOnlyList<SequenceRange> AcknowledgedRanges(string destination) => _current?.AcknowledgedRanges(destination) ?? NothingFor<IReadOnlyList<SequenceRange>>(destination, []);

    public OutboxBacklog GetBacklog(string destination) => _current?.GetBacklog(destination) ?? NothingFor(destination, new OutboxBacklog(0, null, null));

    public OutboxMaintenanceResult Maintain(DateTimeOffset now) =>
        TryOpen(force: false) is { } outbox ? outbox.Maintain(now) : default;

    public void MakeDurable() => _current?.MakeDurable();

    /// <summary>Bytes the database uses; 0 while it is not open.</summary>
    public long MeasureUsedBytes() => _current?.MeasureUsedBytes() ?? 0;

    public SqliteOutboxStatistics Statistics => _current?.Statistics ?? default;

    public void Dispose()
    {
        lock (_openLock)
        {
            _disposed = true;
            _current?.Dispose();
        }
    }

    private SqliteOutbox Opened() =>
        TryOpen(force: false) ?? throw new OutboxStorageException(_openFailure, _openProblem ?? "the outbox is not open", null);

    private SqliteOutbox? TryOpen(bool force)
    {
        if (_current is { } open)
        {
            return open;
        }

        lock (_openLock)
        {
            var now = _time.GetUtcNow();
            if (_current is not null || _disposed || (!force && now < _nextAttempt))
            {
                return _current;
            }

            _nextAttempt = now + OpenRetryInterval;
            try
            {
                _current = SqliteOutbox.Open(_options, _logger);
                if (_openProblem is not null && _logger is not null)
                {
                    SqliteOutboxLog.OpenedLate(_logger, Path, Interlocked.Read(ref _failedOpens));
                }
            }
            catch (Exception exception) when (exception is OutboxStorageException or IOException or UnauthorizedAccessException)
            {
                var first = _openProblem is null;
                _openFailure = exception is OutboxStorageException storage ? storage.Failure : OutboxFailureKind.Io;
                _openProblem = exception.Message;
                Interlocked.Increment(ref _failedOpens);
                if (first && _logger is not null)
                {
                    SqliteOutboxLog.OpenFailed(_logger, Path, OpenRetryInterval, exception);
                }
            }

            return _current;
        }
    }

    /// <summary>What a destination sees while the outbox is not open: nothing; an unknown name is refused as when it is.</summary>
    private T NothingFor<T>(string destination, T nothing) =>
        _options.Destinations.Contains(destination, StringComparer.Ordinal)
            ? nothing
            : throw new ArgumentException($"the outbox has no destination '{destination}' (it has: {string.Join(", ", _options.Destinations)})", nameof(destination));
}
