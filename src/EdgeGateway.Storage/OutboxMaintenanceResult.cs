namespace EdgeGateway.Storage;

/// <summary>What one <see cref="IOutbox.Maintain"/> pass did.</summary>
/// <param name="RetentionDeleted">Acknowledged records deleted because their kind's retention period had passed.</param>
/// <param name="Evicted">Records deleted by the size cap (announced by a data-evicted event).</param>
/// <param name="MoreRetentionDue">The pass stopped at its work limit with more records past retention: call again soon.</param>
public readonly record struct OutboxMaintenanceResult(long RetentionDeleted, long Evicted, bool MoreRetentionDue);
