using System.Collections.Concurrent;
using System.Text.Json;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Primitives.Counting;
using EdgeGateway.Primitives.Events;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Storage;

/// <summary>
/// The outbox as the last stage of the ring's consumer: each consumer batch, with the aggregate records and events
/// queued since the last one, goes into the outbox in one transaction (group commit: one commit, and at FULL one
/// flush, per batch rather than per reading). Ticks run retention and make the outbox durable at a fixed pace.
/// </summary>
/// <remarks>
/// <para>Storage failure (disk full, I/O error): the stage never throws into the consumer, so polling goes on. The
/// readings of the failed batch and of every batch after it are held in a bounded memory queue
/// (<see cref="OutboxAppenderOptions.HeldReadingCapacity"/>) and the outbox is tried again every
/// <see cref="OutboxAppenderOptions.RetryInterval"/>. When it accepts appends again, the held records are stored
/// oldest first, with a storage-failure event (when, why, how many held) and, if the queue overflowed, a
/// buffer-overflow event with the count and time span of the dropped readings (they never got sequence numbers, so
/// the count is the only trace; the platform sees a hole in time, explained). The counters in
/// <see cref="Statistics"/> show it all meanwhile.</para>
/// <para>After each <see cref="Handle"/> and <see cref="Tick"/> the outbox's durable sequence goes to
/// <see cref="Durability"/>, which the publisher awaits: live data go out as soon as they are durable, and an idle
/// publisher sleeps.</para>
/// <para>Threads: <see cref="Handle"/> and <see cref="Tick"/> on the consumer thread; <see cref="EnqueueAggregates"/>,
/// <see cref="EnqueueEvent"/> and <see cref="Statistics"/> from any thread.</para>
/// </remarks>
public sealed class OutboxAppender : IReadingBatchHandler, IClosedRecordHandler
{
    private readonly IOutbox _outbox;
    private readonly OutboxAppenderOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger? _logger;
    private readonly ConcurrentQueue<AggregateRecord> _queuedAggregates = new();
    private readonly ConcurrentQueue<GatewayEvent> _queuedEvents = new();
    private readonly List<AggregateRecord> _aggregates = [];
    private readonly List<GatewayEvent> _events = [];
    private readonly HeldReadings _heldReadings;
    private readonly List<AggregateRecord> _heldAggregates = [];
    private readonly List<GatewayEvent> _heldEvents = [];
    private readonly Reading[] _resumeChunk;
    private StorageOutage? _outage;
    private DateTimeOffset _nextRetry;
    private DateTimeOffset _lastMaintenance;
    private DateTimeOffset _lastDurable;
    private readonly CounterSet<AppenderCounter> _counters = new();
    private int _lastFailure = -1;

    public OutboxAppender(IOutbox outbox, OutboxAppenderOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        _outbox = outbox;
        _options = options ?? new OutboxAppenderOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.HeldReadingCapacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.ResumeChunk);
        _time = _options.Time ?? TimeProvider.System;
        _logger = logger;
        _heldReadings = new HeldReadings(_options.HeldReadingCapacity);
        _resumeChunk = new Reading[_options.ResumeChunk];
        _lastMaintenance = _lastDurable = _time.GetUtcNow();
        Durability = new DurableSequenceSignal(outbox.DurableSequence);
    }

    /// <summary>How far the outbox is durable, raised after every transaction and flush of this writer.</summary>
    public DurableSequenceSignal Durability { get; }

    public OutboxAppenderStatistics Statistics => new(
        _counters[AppenderCounter.ReadingsStored],
        _counters[AppenderCounter.Transactions],
        _counters[AppenderCounter.FailedAppends],
        _counters[AppenderCounter.ReadingsHeld],
        _counters[AppenderCounter.ReadingsLost],
        _counters[AppenderCounter.RecordsLost],
        _counters[AppenderCounter.FailedMaintenance],
        Volatile.Read(ref _outage) is not null,
        Volatile.Read(ref _lastFailure) is var failure and >= 0 ? (OutboxFailureKind)failure : (OutboxFailureKind?)null);

    /// <summary>Queues closed aggregate records for the next transaction.</summary>
    public void EnqueueAggregates(IReadOnlyList<AggregateRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            _queuedAggregates.Enqueue(record);
        }
    }

    /// <summary>As a receiver of the <see cref="AggregationStage"/>: the closed records go in the next transaction.</summary>
    void IClosedRecordHandler.OnClosed(IReadOnlyList<AggregateRecord> records) => EnqueueAggregates(records);

    /// <summary>Queues an event for the next transaction (the next batch or tick, within a second).</summary>
    public void EnqueueEvent(GatewayEvent gatewayEvent)
    {
        ArgumentNullException.ThrowIfNull(gatewayEvent);
        _queuedEvents.Enqueue(gatewayEvent);
    }

    public void Handle(ReadOnlySpan<Reading> batch)
    {
        var now = _time.GetUtcNow();
        DrainQueues();
        if (_outage is null)
        {
            Append(batch, now);
        }
        else
        {
            Hold(batch);
            if (now >= _nextRetry)
            {
                TryResume(now);
            }
        }

        SignalDurable();
    }

    public void Tick(DateTimeOffset now)
    {
        DrainQueues();
        if (_outage is not null)
        {
            Hold([]);
            if (now >= _nextRetry)
            {
                TryResume(now);
            }

            SignalDurable();
            return;
        }

        if (_aggregates.Count > 0 || _events.Count > 0)
        {
            Append([], now);
        }

        if (_outage is null && now - _lastMaintenance >= _options.MaintenanceInterval)
        {
            try
            {
                var result = _outbox.Maintain(now);

                // More past retention than one pass may delete: go on at the next tick rather than after the interval.
                _lastMaintenance = result.MoreRetentionDue ? now - _options.MaintenanceInterval : now;
            }
            catch (OutboxStorageException exception)
            {
                _lastMaintenance = now;
                MaintenanceFailed("maintenance", exception);
            }
        }

        if (_outage is null && now - _lastDurable >= _options.DurabilityInterval)
        {
            _lastDurable = now;
            try
            {
                _outbox.MakeDurable();
            }
            catch (OutboxStorageException exception)
            {
                MaintenanceFailed("flush", exception);
            }
        }

        SignalDurable();
    }

    /// <summary>
    /// Flushes the outbox now (<see cref="IOutbox.MakeDurable"/>) and tells <see cref="Durability"/>: at a stop, once
    /// the consumer has ended, so the last records may still go out. Throws what the outbox throws.
    /// </summary>
    public void MakeDurable()
    {
        _outbox.MakeDurable();
        SignalDurable();
    }

    private void SignalDurable() => Durability.Advance(_outbox.DurableSequence);

    private void Append(ReadOnlySpan<Reading> batch, DateTimeOffset now)
    {
        try
        {
            _outbox.Append(batch, _aggregates, _events);
            _counters.Add(AppenderCounter.ReadingsStored, batch.Length);
            _counters.Increment(AppenderCounter.Transactions);
        }
        catch (OutboxStorageException exception)
        {
            _counters.Increment(AppenderCounter.FailedAppends);
            Volatile.Write(ref _lastFailure, (int)exception.Failure);
            Volatile.Write(ref _outage, new StorageOutage(now, exception.Failure, exception.Message));
            _nextRetry = now + _options.RetryInterval;
            if (_logger is not null)
            {
                OutboxAppenderLog.StorageFailed(_logger, exception.Failure, _options.HeldReadingCapacity, _options.RetryInterval, exception);
            }

            Hold(batch);
        }
        finally
        {
            _aggregates.Clear();
            _events.Clear();
        }
    }

    /// <summary>Stores what is held, oldest first, in chunks; the announcements go with the first chunk.</summary>
    private void TryResume(DateTimeOffset now)
    {
        var outage = _outage!;
        var first = true;
        while (first || _heldReadings.Count > 0)
        {
            var count = _heldReadings.CopyOldest(_resumeChunk);
            var announcements = first ? Announcements(outage, now) : [];
            try
            {
                _outbox.Append(
                    _resumeChunk.AsSpan(0, count),
                    first ? _heldAggregates : [],
                    first ? [.. _heldEvents, .. announcements] : []);
            }
            catch (OutboxStorageException exception)
            {
                _counters.Increment(AppenderCounter.FailedAppends);
                Volatile.Write(ref _lastFailure, (int)exception.Failure);
                if (first)
                {
                    outage.FailedAttempts++;
                }
                else
                {
                    // Part of the backlog is stored; what is left starts a new outage with its own announcement.
                    Volatile.Write(ref _outage, new StorageOutage(now, exception.Failure, exception.Message));
                }

                _nextRetry = now + _options.RetryInterval;
                return;
            }

            _heldReadings.RemoveOldest(count);
            _counters.Add(AppenderCounter.ReadingsHeld, -count);
            _counters.Add(AppenderCounter.ReadingsStored, count);
            _counters.Increment(AppenderCounter.Transactions);
            if (first)
            {
                first = false;
                _heldAggregates.Clear();
                _heldEvents.Clear();
                _heldReadings.ResetDropped();
                outage.DroppedAggregates = outage.DroppedEvents = 0;
                Volatile.Write(ref _outage, null);
                if (_logger is not null)
                {
                    OutboxAppenderLog.StorageResumed(_logger, now - outage.FailedAt, outage.ReadingsHeldAtResume, outage.ReadingsLostAtResume);
                }
            }
        }
    }

    private List<GatewayEvent> Announcements(StorageOutage outage, DateTimeOffset now)
    {
        outage.ReadingsHeldAtResume = _heldReadings.Count;
        outage.ReadingsLostAtResume = _heldReadings.Dropped;
        var failure = new StorageFailureDetail(outage.FailedAt, now, outage.Failure, outage.Error, outage.FailedAttempts, _heldReadings.Count, _heldReadings.Dropped);
        var events = new List<GatewayEvent>
        {
            new(now, GatewayEventKind.StorageFailure, "outbox",
                $"the outbox refused appends ({outage.Failure}) from {outage.FailedAt:O} to {now:O}; {_heldReadings.Count} readings were held in memory and are stored now",
                JsonSerializer.Serialize(failure, StorageJsonContext.Default.StorageFailureDetail)),
        };
        if (_heldReadings.Dropped > 0 || outage.DroppedAggregates > 0 || outage.DroppedEvents > 0)
        {
            DateTimeOffset? firstLost = _heldReadings.Dropped > 0 ? new DateTimeOffset(_heldReadings.FirstDroppedTicks, TimeSpan.Zero) : null;
            DateTimeOffset? lastLost = _heldReadings.Dropped > 0 ? new DateTimeOffset(_heldReadings.LastDroppedTicks, TimeSpan.Zero) : null;
            var lost = new ReadingsLostDetail(_heldReadings.Dropped, outage.DroppedAggregates, outage.DroppedEvents, firstLost, lastLost,
                $"the outbox refused appends ({outage.Failure}) and the memory queue was full");
            events.Add(new GatewayEvent(now, GatewayEventKind.BufferOverflow, "outbox",
                $"{_heldReadings.Dropped} readings (polled {firstLost:O} to {lastLost:O}), {outage.DroppedAggregates} aggregate records and {outage.DroppedEvents} events were lost: the outbox refused appends and the memory queue was full",
                JsonSerializer.Serialize(lost, StorageJsonContext.Default.ReadingsLostDetail)));
        }

        return events;
    }

    private void Hold(ReadOnlySpan<Reading> batch)
    {
        var outage = _outage!;
        var droppedBefore = _heldReadings.Dropped;
        var heldBefore = _heldReadings.Count;
        _heldReadings.Add(batch);
        var dropped = _heldReadings.Dropped - droppedBefore;
        _counters.Add(AppenderCounter.ReadingsHeld, _heldReadings.Count - heldBefore);
        if (dropped > 0)
        {
            if (droppedBefore == 0 && _logger is not null)
            {
                OutboxAppenderLog.ReadingsDropping(_logger);
            }

            _counters.Add(AppenderCounter.ReadingsLost, dropped);
        }

        outage.DroppedAggregates += HoldBounded(_heldAggregates, _aggregates);
        outage.DroppedEvents += HoldBounded(_heldEvents, _events);
        _aggregates.Clear();
        _events.Clear();
    }

    /// <summary>Appends to a held list, dropping its oldest beyond the capacity; returns how many were dropped.</summary>
    private int HoldBounded<T>(List<T> held, List<T> incoming)
    {
        held.AddRange(incoming);
        var excess = held.Count - _options.HeldRecordCapacity;
        if (excess <= 0)
        {
            return 0;
        }

        held.RemoveRange(0, excess);
        _counters.Add(AppenderCounter.RecordsLost, excess);
        return excess;
    }

    private void DrainQueues()
    {
        while (_queuedAggregates.TryDequeue(out var record))
        {
            _aggregates.Add(record);
        }

        while (_queuedEvents.TryDequeue(out var gatewayEvent))
        {
            _events.Add(gatewayEvent);
        }
    }

    private void MaintenanceFailed(string operation, OutboxStorageException exception)
    {
        _counters.Increment(AppenderCounter.FailedMaintenance);
        Volatile.Write(ref _lastFailure, (int)exception.Failure);
        if (_logger is not null)
        {
            OutboxAppenderLog.MaintenanceFailed(_logger, operation, exception.Failure, exception);
        }
    }
}
