namespace EdgeGateway.Benchmarks.FieldLoad;

/// <summary>One simulated analyzer: its device name in gateway.json, its profile (file name without .json) and slave id.</summary>
internal sealed record SimulatedDevice(string Name, string Profile, int Slave, int Group);
