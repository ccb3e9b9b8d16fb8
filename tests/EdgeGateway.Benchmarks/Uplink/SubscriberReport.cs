namespace EdgeGateway.Benchmarks.Uplink;

/// <summary>What the counting subscriber saw of 1..last.</summary>
/// <param name="Distinct">Sequences seen at least once.</param>
/// <param name="Duplicates">Sequences seen again (at-least-once delivery allows them).</param>
/// <param name="Messages">Data messages received.</param>
/// <param name="Missing">Sequences in 1..last never seen: must be 0.</param>
/// <param name="MissingRanges">The first few missing ranges, or "-".</param>
internal sealed record SubscriberReport(long Distinct, long Duplicates, long Messages, long Missing, string MissingRanges);
