using System.Globalization;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Storage;

/// <summary>
/// The outbox's database file and its integrity: opening a connection with the outbox's pragmas, the integrity check,
/// creating or migrating the schema, and a damaged file's salvage and quarantine (moved aside with its -wal and -shm).
/// </summary>
internal static class SqliteOutboxFile
{
    /// <summary>What opening the writing connection found; the caller owns <see cref="Writer"/>.</summary>
    public readonly record struct Opened(SqliteConnection Writer, bool Created, StoreQuarantinedDetail? Quarantine);

    /// <summary>
    /// Opens (or creates) the database with its writing connection. An unreadable file or a failed quick check is
    /// salvaged (last sequence, store id), moved aside and replaced by a new database that continues the numbering.
    /// </summary>
    /// <exception cref="SqliteException">The file cannot be opened for another reason; the caller classifies it.</exception>
    public static Opened OpenOrQuarantine(string path, SqliteOutboxOptions options, TimeProvider time)
    {
        SqliteConnection? writer = null;
        try
        {
            string? damage = null;
            var created = false;
            try
            {
                writer = OpenConnection(path, options, SqliteOpenMode.ReadWriteCreate);
                damage = options.CheckIntegrityAtOpen ? QuickCheck(writer) : null;
                created = damage is null && EnsureSchema(writer, 0, time);
            }
            catch (SqliteException exception) when (SqliteOutboxWriter.IsDamage(exception))
            {
                damage = exception.Message;
            }

            StoreQuarantinedDetail? quarantine = null;
            if (damage is not null)
            {
                writer?.Dispose();
                writer = null;
                var (salvagedLastSequence, previousStoreId) = Salvage(path);
                var quarantinedPath = MoveAside(path, time.GetUtcNow());
                writer = OpenConnection(path, options, SqliteOpenMode.ReadWriteCreate);
                EnsureSchema(writer, salvagedLastSequence ?? 0, time);
                created = true;
                quarantine = new StoreQuarantinedDetail(quarantinedPath, damage, salvagedLastSequence, previousStoreId, ReadStoreId(writer));
            }

            var opened = new Opened(writer!, created, quarantine);
            writer = null; // the caller owns it now
            return opened;
        }
        finally
        {
            writer?.Dispose();
        }
    }

    public static SqliteConnection OpenConnection(string path, SqliteOutboxOptions options, SqliteOpenMode mode)
    {
        // No pooling: the outbox holds its two connections for its lifetime, and a pooled handle left open after
        // Dispose would keep the file (and its WAL) busy for a quarantine or a test's clean-up.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode = WAL"); // stored in the file; the first statement that reads it
            Execute(connection, options.Synchronous == OutboxSynchronous.Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
            Execute(connection, "PRAGMA busy_timeout = 5000");
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA journal_size_limit = {options.WalSizeLimitBytes}"));

            // A negative cache_size is in KiB: bounds the page cache, so memory does not grow with the database.
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{Math.Max(64, options.CacheSizeBytes / 1024)}"));
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static Guid ReadStoreId(SqliteConnection connection) =>
        Guid.Parse(Convert.ToString(Scalar(connection, $"SELECT value FROM meta WHERE key = '{SqliteOutboxSchema.StoreIdKey}'"), CultureInfo.InvariantCulture)!);

    public static long ReadLastSequence(SqliteConnection connection) =>
        Convert.ToInt64(Scalar(connection, $"SELECT value FROM meta WHERE key = '{SqliteOutboxSchema.LastSequenceKey}'"), CultureInfo.InvariantCulture);

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Null when the database is sound; otherwise what quick_check found (first lines).</summary>
    private static string? QuickCheck(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check";
        var findings = new List<string>();
        using var row = command.ExecuteReader();
        while (row.Read() && findings.Count < 5)
        {
            findings.Add(row.GetString(0));
        }

        return findings is ["ok"] ? null : "quick_check: " + string.Join("; ", findings);
    }

    /// <summary>
    /// Creates the tables in a new (empty) database and returns true; migrates an older layout in place (returns false).
    /// A new database's destinations are registered at open (<see cref="SqliteOutboxAcknowledgements.Load"/>): each
    /// starts after <paramref name="firstSequenceAfter"/>, so the numbers of a quarantined store are settled.
    /// </summary>
    private static bool EnsureSchema(SqliteConnection connection, long firstSequenceAfter, TimeProvider time)
    {
        var version = Convert.ToInt64(Scalar(connection, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        if (version > SqliteOutboxSchema.Version)
        {
            throw new OutboxStorageException(OutboxFailureKind.Incompatible, $"the outbox {connection.DataSource} has schema version {version}; this gateway knows {SqliteOutboxSchema.Version}", null);
        }

        if (version == SqliteOutboxSchema.Version)
        {
            return false;
        }

        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var created = version == 0;
        if (created)
        {
            command.CommandText = SqliteOutboxSchema.Create;
            command.ExecuteNonQuery();
            command.CommandText = "INSERT INTO meta(key, value) VALUES ($lastKey, $last), ($idKey, $id), ($createdKey, $created)";
            command.Parameters.AddWithValue("$lastKey", SqliteOutboxSchema.LastSequenceKey);
            command.Parameters.AddWithValue("$last", firstSequenceAfter);
            command.Parameters.AddWithValue("$idKey", SqliteOutboxSchema.StoreIdKey);
            command.Parameters.AddWithValue("$id", Guid.NewGuid().ToString("D"));
            command.Parameters.AddWithValue("$createdKey", SqliteOutboxSchema.CreatedKey);
            command.Parameters.AddWithValue("$created", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            command.ExecuteNonQuery();
            command.Parameters.Clear();
        }
        else
        {
            // Version 1 kept one acknowledgement state, the MQTT uplink's: it becomes that destination's.
            command.CommandText = SqliteOutboxSchema.MigrateFromVersion1;
            command.Parameters.AddWithValue("$destination", OutboxDestinations.Mqtt);
            command.ExecuteNonQuery();
            command.Parameters.Clear();
        }

        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {SqliteOutboxSchema.Version}");
        command.ExecuteNonQuery();
        transaction.Commit();
        return created;
    }

    /// <summary>Best effort: the last sequence and store id still readable from a damaged database.</summary>
    private static (long? LastSequence, Guid? StoreId) Salvage(string path)
    {
        long? last = null;
        Guid? storeId = null;
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            foreach (var sql in (ReadOnlySpan<string>)[
                $"SELECT value FROM meta WHERE key = '{SqliteOutboxSchema.LastSequenceKey}'",
                "SELECT max(seq) FROM readings",
                "SELECT max(seq) FROM aggregates",
                "SELECT max(seq) FROM events"])
            {
                try
                {
                    if (Scalar(connection, sql) is long value && value > 0)
                    {
                        last = Math.Max(last ?? 0, value);
                    }
                }
                catch (SqliteException)
                {
                }
            }

            try
            {
                if (Scalar(connection, $"SELECT value FROM meta WHERE key = '{SqliteOutboxSchema.StoreIdKey}'") is string id && Guid.TryParse(id, out var parsed))
                {
                    storeId = parsed;
                }
            }
            catch (SqliteException)
            {
            }
        }
        catch (SqliteException)
        {
        }

        return (last, storeId);
    }

    private static string MoveAside(string path, DateTimeOffset now)
    {
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var target = $"{path}.corrupt-{stamp}";
        for (var n = 2; File.Exists(target); n++)
        {
            target = string.Create(CultureInfo.InvariantCulture, $"{path}.corrupt-{stamp}-{n}");
        }

        File.Move(path, target);
        foreach (var suffix in (ReadOnlySpan<string>)["-wal", "-shm", "-journal"])
        {
            if (File.Exists(path + suffix))
            {
                File.Move(path + suffix, target + suffix);
            }
        }

        return target;
    }
}
