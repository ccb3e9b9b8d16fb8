using Microsoft.Data.Sqlite;

namespace EdgeGateway.Storage;

/// <summary>
/// One acknowledged cursor per destination: the sequences each destination's platform confirmed (or that were evicted),
/// kept in memory at once and stored by the writer with its next transaction. Any thread may acknowledge and query;
/// only the writer (under the outbox's write lock) snapshots, stores and marks stored.
/// </summary>
internal sealed class SqliteOutboxAcknowledgements
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SequenceRangeSet> _byDestination;
    private long _version;
    private long _storedVersion;
    private AcknowledgementSnapshot? _snapshot;

    private SqliteOutboxAcknowledgements(IReadOnlyList<string> destinations, Dictionary<string, SequenceRangeSet> byDestination, IReadOnlyList<string> added, IReadOnlyList<string> forgotten)
    {
        Destinations = destinations;
        _byDestination = byDestination;
        Added = added;
        Forgotten = forgotten;
        _version = byDestination.Values.Sum(set => set.Version);

        // A destination added or forgotten at open is not stored yet: the first transaction stores it.
        _storedVersion = added.Count + forgotten.Count == 0 ? _version : -1;
    }

    public IReadOnlyList<string> Destinations { get; }

    /// <summary>Destinations new to the database at open: they start at its last sequence.</summary>
    public IReadOnlyList<string> Added { get; }

    /// <summary>Destinations the database knew but the options no longer name: their acknowledgements are dropped.</summary>
    public IReadOnlyList<string> Forgotten { get; }

    /// <summary>Every sequence from 1 to here is acknowledged (or evicted) for every destination.</summary>
    public long SettledPrefix
    {
        get
        {
            lock (_lock)
            {
                return _byDestination.Values.Min(set => set.Prefix);
            }
        }
    }

    /// <summary>Loads the stored acknowledgements of <paramref name="destinations"/>; a destination new to the database starts at <paramref name="lastSequence"/>.</summary>
    public static SqliteOutboxAcknowledgements Load(SqliteConnection connection, IReadOnlyList<string> destinations, long lastSequence)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = SqliteOutboxSchema.SelectDestinations;
            using var row = command.ExecuteReader();
            while (row.Read())
            {
                known.Add(row.GetString(0));
            }
        }

        var byDestination = destinations.ToDictionary(name => name, _ => new SequenceRangeSet(), StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = SqliteOutboxSchema.SelectAcknowledged;
            using var row = command.ExecuteReader();
            while (row.Read())
            {
                if (byDestination.TryGetValue(row.GetString(0), out var set))
                {
                    set.Add(row.GetInt64(1), row.GetInt64(2));
                }
            }
        }

        var added = destinations.Where(name => !known.Contains(name)).ToList();
        foreach (var name in added)
        {
            if (lastSequence > 0)
            {
                byDestination[name].Add(1, lastSequence);
            }
        }

        var forgotten = known.Where(name => !byDestination.ContainsKey(name)).Order(StringComparer.Ordinal).ToList();
        return new SqliteOutboxAcknowledgements(destinations, byDestination, added, forgotten);
    }

    public void Add(string destination, long firstSequence, long lastSequence)
    {
        lock (_lock)
        {
            if (For(destination).Add(firstSequence, lastSequence))
            {
                _version++;
            }
        }
    }

    public bool Contains(string destination, long sequence)
    {
        lock (_lock)
        {
            return For(destination).Contains(sequence);
        }
    }

    public IReadOnlyList<SequenceRange> Ranges(string destination)
    {
        lock (_lock)
        {
            return For(destination).ToList();
        }
    }

    /// <summary>The destination's contiguous acknowledged prefix and how many sequences it has acknowledged (or had evicted).</summary>
    public (long Prefix, long Count) PrefixAndCount(string destination)
    {
        lock (_lock)
        {
            var set = For(destination);
            return (set.Prefix, set.Count);
        }
    }

    /// <summary>What the destination has not acknowledged in (<paramref name="after"/>, <paramref name="upTo"/>].</summary>
    public List<SequenceRange> Gaps(string destination, long after, long upTo)
    {
        lock (_lock)
        {
            return For(destination).Gaps(after, upTo);
        }
    }

    /// <summary>
    /// The ranges now and their version. Every append takes one, and most find nothing acknowledged since the last:
    /// the snapshot of an unchanged version is the same object, so only a change copies the ranges (issue 18: the copy
    /// was about half of each append's cost).
    /// </summary>
    public AcknowledgementSnapshot Snapshot()
    {
        lock (_lock)
        {
            if (_snapshot is { } unchanged && unchanged.Version == _version)
            {
                return unchanged;
            }

            var ranges = _byDestination.ToDictionary(pair => pair.Key, pair => pair.Value.ToList(), StringComparer.Ordinal);
            return _snapshot = new AcknowledgementSnapshot(ranges, _version);
        }
    }

    /// <summary>Whether the writer has stored this snapshot's state already (writer only).</summary>
    public bool IsStored(AcknowledgementSnapshot snapshot) => snapshot.Version == _storedVersion;

    /// <summary>Stores the snapshot in the writer's transaction unless it is stored already; <see cref="MarkStored"/> after the commit.</summary>
    public void StoreIfChanged(AcknowledgementRows rows, SqliteTransaction transaction, AcknowledgementSnapshot snapshot)
    {
        if (!IsStored(snapshot))
        {
            rows.Store(transaction, snapshot.ByDestination);
        }
    }

    /// <summary>Writer only, after the transaction that stored <paramref name="version"/> committed; -1 when what was stored differs from every version.</summary>
    public void MarkStored(long version) => _storedVersion = version;

    /// <summary>Evicted numbers are settled for every destination (nobody will acknowledge them).</summary>
    public void SettleEverywhere(IReadOnlyList<SequenceRange> ranges)
    {
        lock (_lock)
        {
            foreach (var set in _byDestination.Values)
            {
                foreach (var range in ranges)
                {
                    if (set.Add(range.First, range.Last))
                    {
                        _version++;
                    }
                }
            }
        }
    }

    private SequenceRangeSet For(string destination) =>
        _byDestination.TryGetValue(destination, out var set)
            ? set
            : throw new ArgumentException($"the outbox has no destination '{destination}' (it has: {string.Join(", ", Destinations)})", nameof(destination));
}
