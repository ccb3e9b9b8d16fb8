namespace EdgeGateway.Cli.Output;

/// <summary>The JSON document of <c>egw modbus scan --json</c>; <paramref name="Via"/> is <c>service</c> (the running gateway's bus queue) or <c>direct</c>.</summary>
internal sealed record ModbusScanReport(string Port, int Probed, IReadOnlyList<ModbusScanEntry> Answering, string Via);
