namespace EdgeGateway.Cli.Output;

/// <summary>The JSON document of <c>egw modbus scan --json</c>; <paramref name="Via"/> is <c>service</c> (the running gateway's bus queue) or <c>direct</c>.</summary>
/// <param name="AbsentBehindGateway">The slave ids a Modbus gateway answered exception 0A/0B for: no device answered behind it, so not in <paramref name="Answering"/>.</param>
internal sealed record ModbusScanReport(string Port, int Probed, IReadOnlyList<ModbusScanEntry> Answering, string Via, IReadOnlyList<int> AbsentBehindGateway);
