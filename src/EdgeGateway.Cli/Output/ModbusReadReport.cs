namespace EdgeGateway.Cli.Output;

/// <summary>The JSON document of <c>egw modbus read --json</c>.</summary>
public sealed record ModbusReadReport(string Port, int Slave, string Table, string Type, string Order, IReadOnlyList<ModbusValueReport> Values);
