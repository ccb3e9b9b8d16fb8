namespace EdgeGateway.Cli.Output;

/// <summary>What a plan costs on an RTU line per poll cycle.</summary>
internal sealed record BusTimeReport(string Line, int Requests, int WireBytes, double Milliseconds);
