namespace EdgeGateway.Cli.Output;

/// <summary>The JSON document of <c>egw modbus read --json</c>; <paramref name="Via"/> is <c>service</c> (the running gateway's bus queue) or <c>direct</c>.</summary>
internal sealed record ModbusReadReport(string Port, int Slave, string Table, string Type, string Order, IReadOnlyList<ModbusValueReport> Values, string Via);
