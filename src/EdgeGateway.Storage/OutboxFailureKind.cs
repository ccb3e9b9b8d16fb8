namespace EdgeGateway.Storage;

/// <summary>Why the outbox could not store something.</summary>
public enum OutboxFailureKind
{
    /// <summary>The disk (or the database's page limit) is full: SQLITE_FULL.</summary>
    DiskFull,

    /// <summary>A read or write of the storage device failed: SQLITE_IOERR, SQLITE_CANTOPEN.</summary>
    Io,

    /// <summary>The database is damaged: SQLITE_CORRUPT, SQLITE_NOTADB. Restart to quarantine it.</summary>
    Corrupt,

    /// <summary>Another process holds the database: SQLITE_BUSY, SQLITE_LOCKED.</summary>
    Busy,

    /// <summary>The database was written by a newer version of the gateway.</summary>
    Incompatible,

    /// <summary>Anything else SQLite reported.</summary>
    Other,
}
