namespace EdgeGateway.Cli.Output;

/// <summary>What a plan costs on an RTU line per poll cycle.</summary>
public sealed record BusTimeReport(string Line, int Requests, int WireBytes, double Milliseconds);
