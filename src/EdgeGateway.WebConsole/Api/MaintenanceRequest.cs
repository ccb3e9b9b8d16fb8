namespace EdgeGateway.WebConsole.Api;

/// <summary>The maintenance form's body: start (device or channel, reason, minutes) or stop (device or channel).</summary>
internal sealed record MaintenanceRequest(string? Action, string? Device, string? Channel, string? Reason, double? Minutes);
