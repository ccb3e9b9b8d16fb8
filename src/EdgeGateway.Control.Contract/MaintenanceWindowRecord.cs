namespace EdgeGateway.Control.Contract;

/// <summary>An open maintenance window as kept on disk, so a restart of the service does not end it early.</summary>
/// <param name="Channel">The channel key.</param>
/// <param name="Until">When the window ends.</param>
/// <param name="Reason">The reason given at its start; null in a file written before it was kept.</param>
/// <param name="StartedAt">When it was started; null in a file written before it was kept.</param>
/// <param name="User">Who started it; null in a file written before it was kept.</param>
public sealed record MaintenanceWindowRecord(string Channel, DateTimeOffset Until, string? Reason = null, DateTimeOffset? StartedAt = null, string? User = null);
