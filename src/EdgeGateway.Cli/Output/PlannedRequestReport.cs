namespace EdgeGateway.Cli.Output;

/// <summary>One request of a read plan: function code, table, first address, count, and the items it carries.</summary>
internal sealed record PlannedRequestReport(int Function, string Table, int Address, int Count, IReadOnlyList<string> Items, int WireBytes, double BusMilliseconds);
