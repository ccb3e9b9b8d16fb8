using EdgeGateway.Pipeline.Aggregation;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Storage;

/// <summary>
/// The outbox's reading connection (query-only; WAL lets it read while the writer writes): records by sequence with
/// the three kinds merged, history by window start, and a record's time. Thread-safe: one read at a time.
/// </summary>
internal sealed class SqliteOutboxReader : IDisposable
{
    private readonly object _owner;
    private readonly Lock _lock = new();
    private readonly SqliteConnection _connection;
    private readonly ReadingRangeQuery _readingQuery;
    private readonly SequenceRangeQuery<OutboxAggregate> _aggregateQuery;
    private readonly SequenceRangeQuery<OutboxEvent> _eventQuery;
    private bool _disposed;

    /// <param name="owner">The outbox, named when a read comes after it was disposed.</param>
    public SqliteOutboxReader(object owner, string path, SqliteOutboxOptions options)
    {
        _owner = owner;
        _connection = SqliteOutboxFile.OpenConnection(path, options, SqliteOpenMode.ReadWrite);
        SqliteOutboxFile.Execute(_connection, "PRAGMA query_only = ON");
        _readingQuery = new ReadingRangeQuery(_connection);
        _aggregateQuery = new SequenceRangeQuery<OutboxAggregate>(_connection, SqliteOutboxSchema.SelectAggregates, AggregateRows.Map);
        _eventQuery = new SequenceRangeQuery<OutboxEvent>(_connection, SqliteOutboxSchema.SelectEvents, EventRows.Map);
    }

    /// <summary>The reading connection (for the outbox's test seam).</summary>
    public SqliteConnection Connection => _connection;

    /// <summary>Up to <paramref name="maxCount"/> records in each of <paramref name="ranges"/> (as (after, upTo] pairs), in order.</summary>
    public List<OutboxEntry> Read(IEnumerable<(long After, long UpTo)> ranges, int maxCount)
    {
        var entries = new List<OutboxEntry>(Math.Min(maxCount, 4_096));
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, _owner);
            foreach (var (after, upTo) in ranges)
            {
                ReadRange(after, upTo, maxCount - entries.Count, entries);
                if (entries.Count >= maxCount)
                {
                    break;
                }
            }
        }

        return entries;
    }

    public DateTimeOffset? LatestAggregateStart(AggregatePeriod period)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, _owner);
            using var command = _connection.CreateCommand();
            command.CommandText = SqliteOutboxSchema.SelectLatestAggregateStart;
            command.Parameters.AddWithValue("$period", (int)period);
            return command.ExecuteScalar() is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        }
    }

    /// <param name="channel">Only this channel's records; null for every channel's.</param>
    public IReadOnlyList<OutboxAggregate> ReadAggregates(AggregatePeriod period, int? channel, DateTimeOffset fromUtc, DateTimeOffset toUtc, int maxCount)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, _owner);
            using var command = _connection.CreateCommand();
            command.CommandText = channel is null ? SqliteOutboxSchema.SelectAggregateHistory : SqliteOutboxSchema.SelectChannelAggregateHistory;
            if (channel is { } one)
            {
                command.Parameters.AddWithValue("$channel", one);
            }

            command.Parameters.AddWithValue("$period", (int)period);
            command.Parameters.AddWithValue("$from", fromUtc.UtcTicks);
            command.Parameters.AddWithValue("$to", toUtc.UtcTicks);
            command.Parameters.AddWithValue("$limit", maxCount);
            var records = new List<OutboxAggregate>();
            using var row = command.ExecuteReader();
            while (row.Read())
            {
                records.Add(AggregateRows.Map(row));
            }

            return records;
        }
    }

    /// <summary>Readings polled in [from, to), in sequence order; see <see cref="IOutbox.ReadReadings"/> for the bounds.</summary>
    /// <param name="channel">Only this channel's readings; null for every channel's.</param>
    public IReadOnlyList<OutboxReading> ReadReadings(int? channel, DateTimeOffset fromUtc, DateTimeOffset toUtc, int maxCount)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, _owner);
            using var bounds = _connection.CreateCommand();
            bounds.CommandText = SqliteOutboxSchema.SelectReadingSequenceBounds;
            long lowest;
            long highest;
            using (var row = bounds.ExecuteReader())
            {
                if (!row.Read() || row.IsDBNull(0))
                {
                    return [];
                }

                lowest = row.GetInt64(0);
                highest = row.GetInt64(1);
            }

            using var probe = _connection.CreateCommand();
            probe.CommandText = SqliteOutboxSchema.SelectFirstReadingFrom;
            var probeSequence = probe.Parameters.Add("$seq", SqliteType.Integer);
            var first = FirstSequenceAtOrAfter(probe, probeSequence, fromUtc.UtcTicks, lowest, highest);
            var end = FirstSequenceAtOrAfter(probe, probeSequence, toUtc.UtcTicks, first, highest);
            if (first >= end)
            {
                return [];
            }

            using var command = _connection.CreateCommand();
            command.CommandText = channel is null ? SqliteOutboxSchema.SelectReadingHistory : SqliteOutboxSchema.SelectChannelReadingHistory;
            if (channel is { } one)
            {
                command.Parameters.AddWithValue("$channel", one);
            }

            command.Parameters.AddWithValue("$first", first);
            command.Parameters.AddWithValue("$end", end);
            command.Parameters.AddWithValue("$from", fromUtc.UtcTicks);
            command.Parameters.AddWithValue("$to", toUtc.UtcTicks);
            command.Parameters.AddWithValue("$limit", maxCount);
            var readings = new List<OutboxReading>();
            using var rows = command.ExecuteReader();
            while (rows.Read())
            {
                readings.Add(ReadingRows.Map(rows));
            }

            return readings;
        }
    }

    /// <summary>The record's own time (poll time, window start, event time); null when it is not stored.</summary>
    public DateTimeOffset? TimestampOf(long sequence)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, _owner);
            using var command = _connection.CreateCommand();
            command.CommandText = SqliteOutboxSchema.SelectTimestampOfSequence;
            command.Parameters.AddWithValue("$seq", sequence);
            return command.ExecuteScalar() is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _readingQuery.Dispose();
            _aggregateQuery.Dispose();
            _eventQuery.Dispose();
            _connection.Dispose();
        }
    }

    // The lowest sequence in [lowest, highest + 1] from which on the readings are at or after ticks: a binary search
    // on the sequence, each probe one rowid seek to the next reading (the sequence also numbers records of other kinds).
    private static long FirstSequenceAtOrAfter(SqliteCommand probe, SqliteParameter sequence, long ticks, long lowest, long highest)
    {
        var low = lowest;
        var high = highest + 1;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            sequence.Value = middle;
            using var row = probe.ExecuteReader();
            if (!row.Read() || row.GetInt64(1) >= ticks)
            {
                high = middle;
            }
            else
            {
                low = row.GetInt64(0) + 1;
            }
        }

        return low;
    }

    private void ReadRange(long after, long upTo, int limit, List<OutboxEntry> into)
    {
        var readings = _readingQuery.Run(after, upTo, limit);

        // Aggregates and events are few: fetch only those within the readings' span, then merge by sequence.
        var bound = readings.Count == limit ? readings[^1].Sequence : upTo;
        var aggregates = _aggregateQuery.Run(after, bound, limit);
        var events = _eventQuery.Run(after, bound, limit);
        int r = 0, a = 0, e = 0, taken = 0;
        while (taken < limit)
        {
            var nextReading = r < readings.Count ? readings[r].Sequence : long.MaxValue;
            var nextAggregate = a < aggregates.Count ? aggregates[a].Sequence : long.MaxValue;
            var nextEvent = e < events.Count ? events[e].Sequence : long.MaxValue;
            if (nextReading == long.MaxValue && nextAggregate == long.MaxValue && nextEvent == long.MaxValue)
            {
                break;
            }

            if (nextReading < nextAggregate && nextReading < nextEvent)
            {
                into.Add(readings[r++]);
            }
            else if (nextAggregate < nextEvent)
            {
                into.Add(aggregates[a++]);
            }
            else
            {
                into.Add(events[e++]);
            }

            taken++;
        }
    }
}
