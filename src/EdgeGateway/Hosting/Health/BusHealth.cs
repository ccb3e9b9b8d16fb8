namespace EdgeGateway.Hosting.Health;

/// <summary>One bus: its loop and its devices.</summary>
internal sealed record BusHealth(string Name, string Port, bool Running, long LoopRestarts, IReadOnlyList<DeviceHealthSummary> Devices);
