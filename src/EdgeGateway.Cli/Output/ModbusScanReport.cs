namespace EdgeGateway.Cli.Output;

/// <summary>The JSON document of <c>egw modbus scan --json</c>.</summary>
public sealed record ModbusScanReport(string Port, int Probed, IReadOnlyList<ModbusScanEntry> Answering);
