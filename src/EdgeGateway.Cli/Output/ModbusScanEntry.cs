namespace EdgeGateway.Cli.Output;

/// <summary>A slave that answered a scan, and how.</summary>
/// <param name="Slave">The slave id.</param>
/// <param name="Answer">"data" when the probe read succeeded, otherwise the exception the slave answered.</param>
internal sealed record ModbusScanEntry(int Slave, string Answer);
