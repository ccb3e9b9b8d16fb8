namespace EdgeGateway.Storage;

/// <summary>The detail of a store-quarantined event: the damaged database was moved aside and a new one created.</summary>
/// <param name="QuarantinedPath">Where the damaged file went (its -wal and -shm beside it with the same suffixes).</param>
/// <param name="Reason">What SQLite reported at open or what <c>PRAGMA quick_check</c> found.</param>
/// <param name="SalvagedLastSequence">The last sequence read from the damaged file, which the new one continues after; null when none could be read and numbering restarted at 1.</param>
/// <param name="PreviousStoreId">The damaged store's id, when it could be read.</param>
/// <param name="StoreId">The new store's id.</param>
public sealed record StoreQuarantinedDetail(string QuarantinedPath, string Reason, long? SalvagedLastSequence, Guid? PreviousStoreId, Guid StoreId);
