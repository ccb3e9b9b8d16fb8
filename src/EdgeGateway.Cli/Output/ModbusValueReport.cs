namespace EdgeGateway.Cli.Output;

/// <summary>One value read by <c>egw modbus read --json</c>.</summary>
/// <param name="Address">Protocol address (0-based) of the value's first register or bit.</param>
/// <param name="Value">The value as a number; null for a float that is NaN or infinite.</param>
/// <param name="Text">The value exactly as printed (64-bit integers keep every digit).</param>
/// <param name="Registers">The raw registers as read from the wire, first register first; empty for bits.</param>
internal sealed record ModbusValueReport(int Address, double? Value, string Text, ushort[] Registers);
