namespace EdgeGateway.Storage;

/// <summary>What <see cref="SqliteOutbox.Open"/> found.</summary>
/// <param name="Created">A new database was created (first start, or after a quarantine).</param>
/// <param name="Quarantine">Set when the database was damaged and moved aside; a store-quarantined event was appended too.</param>
public sealed record SqliteOutboxOpenReport(bool Created, StoreQuarantinedDetail? Quarantine);
