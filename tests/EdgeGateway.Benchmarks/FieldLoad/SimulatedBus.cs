namespace EdgeGateway.Benchmarks.FieldLoad;

/// <summary>One bus of the site: one simulator process serving its devices as slaves 1, 2, 3, … on one port.</summary>
internal sealed record SimulatedBus(string Name, string Scheme, IReadOnlyList<SimulatedDevice> Devices);
