namespace EdgeGateway.Storage;

/// <summary>
/// How hard a commit of the SQLite outbox pushes to the storage device (SQLite's <c>PRAGMA synchronous</c> in WAL
/// mode). Both levels keep the database consistent: a crash or power cut never corrupts it and never leaves half a
/// transaction, so sequence numbers stay gap-free either way. They differ only in which committed transactions a
/// crash can take back.
/// </summary>
/// <remarks>
/// What a returned append ("committed") means at each level:
/// <list type="bullet">
/// <item><see cref="Normal"/>: the transaction is in the write-ahead log in the OS page cache. It survives the process
/// dying (kill -9, an unhandled exception, the OOM killer, a systemd restart): the kernel still writes the page cache
/// out, and the next open finds it. On a power cut or kernel crash, commits since the last flush of the log can roll
/// back when the database next opens. The log is flushed at every checkpoint and at every
/// <see cref="IOutbox.MakeDurable"/>, which the <see cref="OutboxAppender"/> calls once a second
/// (<see cref="OutboxAppenderOptions.DurabilityInterval"/>): so a power cut takes back at most about a second of
/// records. <see cref="IOutbox.DurableSequence"/> marks the last flushed record; the publisher sends nothing beyond it,
/// because after a roll-back the lost numbers are given again to new records, and a number the platform had already
/// seen would make it drop the new record as a duplicate.</item>
/// <item><see cref="Full"/>: the log is flushed at every commit, so a committed transaction also survives a power cut
/// and <see cref="IOutbox.DurableSequence"/> equals <see cref="IOutbox.LastSequence"/> at once, provided the storage
/// honours flushes (many consumer SD cards and some eMMC report a flush done before the data is safe: an industrial
/// card or an SSD with power-loss protection is needed for the guarantee). Costs one flush per transaction: about
/// 0.1 ms on a VM's virtio disk, milliseconds to tens of milliseconds on an SD card; the appender writes one
/// transaction per consumer batch (group commit), so this is paid per batch, not per reading.</item>
/// </list>
/// At both levels the database stays consistent: a crash never corrupts it or leaves half a transaction, and the
/// numbering stays gap-free (the counter is stored in the same transaction as the records).
/// An acknowledgement from the platform (a PUBACK) is kept in memory at once and stored with the next writer
/// transaction (an append, the once-a-second flush, maintenance): one lost in a crash only makes the publisher send
/// those records again (at least once; the platform de-duplicates by sequence number). Records are deleted (retention,
/// cap) only in the same transaction that stores the acknowledgements they rely on.
/// </remarks>
public enum OutboxSynchronous
{
    /// <summary>Survives kill -9 and application crashes; the last commits may roll back on power loss.</summary>
    Normal,

    /// <summary>Also survives power loss, if the storage device honours flushes.</summary>
    Full,
}
