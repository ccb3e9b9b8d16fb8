namespace EdgeGateway.Control.Contract;

/// <summary>An open maintenance window as kept on disk, so a restart of the service does not end it early.</summary>
public sealed record MaintenanceWindowRecord(string Channel, DateTimeOffset Until);
