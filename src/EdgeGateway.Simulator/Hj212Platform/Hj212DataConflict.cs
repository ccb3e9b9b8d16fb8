namespace EdgeGateway.Simulator.Hj212Platform;

/// <summary>A record item received twice with different values: the series the platform holds is ambiguous there.</summary>
/// <param name="Mn">The logger.</param>
/// <param name="Cn">The record's CN.</param>
/// <param name="DataTime">The record's DataTime.</param>
/// <param name="Item">The CP item, e.g. <c>w01018-Avg</c>.</param>
/// <param name="Stored">The value held (the first received).</param>
/// <param name="Received">The later, different value.</param>
public sealed record Hj212DataConflict(string Mn, string Cn, DateTime DataTime, string Item, string Stored, string Received);
