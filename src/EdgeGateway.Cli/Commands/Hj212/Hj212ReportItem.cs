namespace EdgeGateway.Cli.Commands.Hj212;

/// <summary>One CP item as a report shows it.</summary>
/// <param name="Name">Field name as sent, e.g. <c>w01018-Flag</c>.</param>
/// <param name="Value">Value as sent, e.g. <c>N</c>.</param>
/// <param name="Meaning">What it means, e.g. <c>COD data flag: instrument working normally</c>, when known.</param>
internal sealed record Hj212ReportItem(string Name, string Value, string? Meaning);
