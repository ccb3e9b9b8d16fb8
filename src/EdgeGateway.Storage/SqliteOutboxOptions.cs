namespace EdgeGateway.Storage;

/// <summary>Where and how the SQLite outbox keeps its records.</summary>
public sealed record SqliteOutboxOptions
{
    /// <summary>The database file, e.g. <c>/var/lib/edge-gateway/outbox.db</c>; its directory is created if missing.</summary>
    public required string Path { get; init; }

    /// <summary>What a commit survives; see <see cref="OutboxSynchronous"/>.</summary>
    public OutboxSynchronous Synchronous { get; init; } = OutboxSynchronous.Normal;

    /// <summary>
    /// The size cap of the database's used pages, in bytes. When an append takes it above the cap, the oldest records
    /// are deleted (acknowledged ones first, then unacknowledged ones) down to 95 % of the cap, and a data-evicted event
    /// announces it. Freed pages are reused, so the file stays near the cap; the write-ahead log adds up to
    /// <see cref="WalSizeLimitBytes"/> beside it. Leave room on the disk for both.
    /// </summary>
    public long MaxBytes { get; init; } = 1L << 30;

    /// <summary>How long acknowledged records are kept for history requests, per kind.</summary>
    public OutboxRetention Retention { get; init; } = new();

    /// <summary>
    /// Run <c>PRAGMA quick_check</c> at open and quarantine a damaged database. It reads every page: about a second per
    /// few hundred MB on a PC-class disk, several times longer on an SD card; turn it off only if start-up time matters more.
    /// </summary>
    public bool CheckIntegrityAtOpen { get; init; } = true;

    /// <summary>The write-ahead log is truncated back to this size after a checkpoint (<c>PRAGMA journal_size_limit</c>).</summary>
    public long WalSizeLimitBytes { get; init; } = 8L << 20;

    /// <summary>
    /// SQLite's page cache per connection (the outbox has two). Appends touch the last pages and the publisher reads
    /// what was just written, so a small cache costs little I/O; it keeps the gateway's memory flat as the database
    /// grows (SQLite's default is about 2 MB per connection).
    /// </summary>
    public long CacheSizeBytes { get; init; } = 1L << 20;

    /// <summary>At most this many records are deleted by retention in one <see cref="IOutbox.Maintain"/> pass (one transaction), to keep the consumer's pause short.</summary>
    public int RetentionDeletesPerPass { get; init; } = 50_000;

    /// <summary>
    /// The destinations the outbox keeps acknowledged sequences for, each on its own (see <see cref="IOutbox.Destinations"/>);
    /// at least one, unique. A destination new to the database starts at its last sequence (it is owed only what is
    /// appended from then on); one the database knows but not named here is forgotten at open (it would otherwise keep
    /// retention from deleting anything).
    /// </summary>
    public IReadOnlyList<string> Destinations { get; init; } = [OutboxDestinations.Mqtt];

    /// <summary>Time for retention cut-offs and the quarantine file name; the system clock when null.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>
    /// Test seam: <c>PRAGMA max_page_count</c> on the writing connection. SQLite then fails writes past that many pages
    /// with SQLITE_FULL, the same error a full disk gives, so a test can fill the "disk" and free it again
    /// (<see cref="SqliteOutbox.SetPageLimitForTesting"/>).
    /// </summary>
    internal long? MaxPageCount { get; init; }
}
