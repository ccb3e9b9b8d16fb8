namespace EdgeGateway.Storage;

/// <summary>
/// The outbox's tables. One table per record shape, all keyed by the gateway-wide sequence number, which is the rowid:
/// a reading costs its columns and a few bytes of b-tree, nothing more (no JSON, no secondary index). Enum values
/// (flag, reason, period) are stored by number: their numbers are part of this format (bump <see cref="Version"/> when
/// they change). NaN is stored as NULL (SQLite has no NaN) and read back as NaN.
/// </summary>
internal static class SqliteOutboxSchema
{
    /// <summary>
    /// <c>PRAGMA user_version</c> of the layout below; a database with a higher one is refused, not touched. Version 1
    /// had one <c>acknowledged(first, last)</c> table (the MQTT uplink's); it is migrated at open
    /// (<see cref="MigrateFromVersion1"/>).
    /// </summary>
    public const int Version = 2;

    public const string Create = $"""
        CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
        CREATE TABLE readings(
            seq INTEGER PRIMARY KEY,
            ticks INTEGER NOT NULL,
            channel INTEGER NOT NULL,
            raw REAL,
            value REAL,
            flag INTEGER NOT NULL,
            reason INTEGER NOT NULL);
        CREATE TABLE aggregates(
            seq INTEGER PRIMARY KEY,
            period INTEGER NOT NULL,
            start_ticks INTEGER NOT NULL,
            local_offset_minutes INTEGER NOT NULL,
            length_ticks INTEGER NOT NULL,
            outlet TEXT NOT NULL,
            channel INTEGER NOT NULL,
            min REAL, avg REAL, max REAL,
            zs_min REAL, zs_avg REAL, zs_max REAL,
            cou REAL,
            is_valid INTEGER NOT NULL,
            flag INTEGER NOT NULL,
            expected_count INTEGER NOT NULL,
            valid_count INTEGER NOT NULL,
            count_n INTEGER NOT NULL, count_f INTEGER NOT NULL, count_m INTEGER NOT NULL, count_s INTEGER NOT NULL,
            count_d INTEGER NOT NULL, count_c INTEGER NOT NULL, count_t INTEGER NOT NULL, count_b INTEGER NOT NULL);
        -- (period) is (period, seq): every index entry ends with the rowid. Retention walks each period in sequence order.
        CREATE INDEX aggregates_by_period ON aggregates(period);
        -- History requests ask for a period's records by window start.
        CREATE INDEX aggregates_by_period_start ON aggregates(period, start_ticks);
        CREATE TABLE events(
            seq INTEGER PRIMARY KEY,
            ticks INTEGER NOT NULL,
            kind TEXT NOT NULL,
            source TEXT NOT NULL,
            text TEXT NOT NULL,
            detail TEXT);
        {DestinationTables}
        """;

    /// <summary>The destinations the outbox keeps acknowledgements for, and each one's acknowledged (or evicted) ranges.</summary>
    private const string DestinationTables = """
        CREATE TABLE destinations(name TEXT PRIMARY KEY) WITHOUT ROWID;
        -- Acknowledged (or evicted) sequence ranges per destination, merged: a handful of rows each.
        CREATE TABLE acknowledged(
            destination TEXT NOT NULL,
            first INTEGER NOT NULL,
            last INTEGER NOT NULL,
            PRIMARY KEY(destination, first)) WITHOUT ROWID;
        """;

    /// <summary>Version 1 to 2: the one acknowledgement state becomes the state of destination <c>$destination</c>.</summary>
    public const string MigrateFromVersion1 = $"""
        ALTER TABLE acknowledged RENAME TO acknowledged_version1;
        {DestinationTables}
        INSERT INTO destinations(name) VALUES ($destination);
        INSERT INTO acknowledged(destination, first, last) SELECT $destination, first, last FROM acknowledged_version1;
        DROP TABLE acknowledged_version1;
        """;

    public const string SelectDestinations = "SELECT name FROM destinations";
    public const string SelectAcknowledged = "SELECT destination, first, last FROM acknowledged ORDER BY destination, first";
    public const string DeleteDestinations = "DELETE FROM destinations";
    public const string DeleteAcknowledged = "DELETE FROM acknowledged";
    public const string InsertDestination = "INSERT INTO destinations(name) VALUES ($name)";
    public const string InsertAcknowledged = "INSERT INTO acknowledged(destination, first, last) VALUES ($destination, $first, $last)";

    public const string LastSequenceKey = "last_sequence";
    public const string StoreIdKey = "store_id";
    public const string CreatedKey = "created_utc";

    public const string ReadingColumns = "seq, ticks, channel, raw, value, flag, reason";

    public const string AggregateColumns = "seq, period, start_ticks, local_offset_minutes, length_ticks, outlet, channel, min, avg, max, zs_min, zs_avg, zs_max, cou, is_valid, flag, expected_count, valid_count, count_n, count_f, count_m, count_s, count_d, count_c, count_t, count_b";

    public const string EventColumns = "seq, ticks, kind, source, text, detail";

    // The publisher's reads, kept prepared on the reading connection. No LIMIT parameter: SQLite compiles a statement
    // again whenever a LIMIT's parameter is bound (it plans with the value), which was every read; the caller stops
    // stepping after its limit instead (the rows come in rowid order, nothing is sorted).

    /// <summary>Bound by position (?1 after, ?2 up to): <see cref="ReadingRangeQuery"/> runs it on SQLite's own statement.</summary>
    public const string SelectReadings = $"SELECT {ReadingColumns} FROM readings WHERE seq > ?1 AND seq <= ?2 ORDER BY seq";
    public const string SelectAggregates = $"SELECT {AggregateColumns} FROM aggregates WHERE seq > $after AND seq <= $upTo ORDER BY seq";
    public const string SelectEvents = $"SELECT {EventColumns} FROM events WHERE seq > $after AND seq <= $upTo ORDER BY seq";

    /// <summary>The newest window start stored for a period (the index on period and start answers it).</summary>
    public const string SelectLatestAggregateStart = "SELECT max(start_ticks) FROM aggregates WHERE period = $period";

    public const string SelectAggregateHistory = $"SELECT {AggregateColumns} FROM aggregates WHERE period = $period AND start_ticks >= $from AND start_ticks < $to ORDER BY start_ticks, seq LIMIT $limit";

    /// <summary>One channel's records of a period by window start (the trend of a channel): the same index, the channel filtered on it.</summary>
    public const string SelectChannelAggregateHistory = $"SELECT {AggregateColumns} FROM aggregates WHERE period = $period AND start_ticks >= $from AND start_ticks < $to AND channel = $channel ORDER BY start_ticks, seq LIMIT $limit";

    // Raw-data history (2013): readings have no time index; the bounds come from a binary search on seq (rowid seeks).
    public const string SelectReadingSequenceBounds = "SELECT (SELECT min(seq) FROM readings), (SELECT max(seq) FROM readings)";
    public const string SelectFirstReadingFrom = "SELECT seq, ticks FROM readings WHERE seq >= $seq ORDER BY seq LIMIT 1";
    public const string SelectReadingHistory = $"SELECT {ReadingColumns} FROM readings WHERE seq >= $first AND seq < $end AND ticks >= $from AND ticks < $to ORDER BY seq LIMIT $limit";
    public const string SelectChannelReadingHistory = $"SELECT {ReadingColumns} FROM readings WHERE seq >= $first AND seq < $end AND ticks >= $from AND ticks < $to AND channel = $channel ORDER BY seq LIMIT $limit";

    public const string SelectTimestampOfSequence = """
        SELECT ticks FROM readings WHERE seq = $seq
        UNION ALL SELECT start_ticks FROM aggregates WHERE seq = $seq
        UNION ALL SELECT ticks FROM events WHERE seq = $seq
        """;

    public const string SelectLowestStored = """
        SELECT min(s) FROM (
            SELECT (SELECT seq FROM readings WHERE seq BETWEEN $from AND $to ORDER BY seq LIMIT 1) AS s
            UNION ALL SELECT (SELECT seq FROM aggregates WHERE seq BETWEEN $from AND $to ORDER BY seq LIMIT 1)
            UNION ALL SELECT (SELECT seq FROM events WHERE seq BETWEEN $from AND $to ORDER BY seq LIMIT 1))
        """;

    public const string DeleteReadingRange = "DELETE FROM readings WHERE seq BETWEEN $from AND $to";
    public const string DeleteAggregateRange = "DELETE FROM aggregates WHERE seq BETWEEN $from AND $to";
    public const string DeleteEventRange = "DELETE FROM events WHERE seq BETWEEN $from AND $to";

    // Retention: each kind walked in sequence order within the acknowledged ranges (see SqliteOutboxHousekeeping.DeleteExpired).
    public const string SelectReadingTimes = "SELECT seq, ticks FROM readings WHERE seq BETWEEN $from AND $to ORDER BY seq LIMIT $limit";
    public const string SelectAggregateTimes = "SELECT seq, start_ticks FROM aggregates WHERE period = $period AND seq BETWEEN $from AND $to ORDER BY seq LIMIT $limit";
    public const string SelectEventTimes = "SELECT seq, ticks FROM events WHERE seq BETWEEN $from AND $to ORDER BY seq LIMIT $limit";
    public const string DeleteAggregatePeriodRange = "DELETE FROM aggregates WHERE period = $period AND seq BETWEEN $from AND $to";
}
