namespace EdgeGateway.Simulator.Hj212Platform;

/// <summary>One data record as the platform holds it: the values of every packet that carried this MN, CN and DataTime.</summary>
/// <param name="Mn">The logger.</param>
/// <param name="Cn">2011, 2051, 2061 or 2031.</param>
/// <param name="DataTime">The sampling instant (2011) or the period start.</param>
/// <param name="Values">CP items other than DataTime, e.g. <c>w01018-Avg → 2.5</c>; the first value received wins.</param>
/// <param name="Packets">Packets that contributed (the parts of a split record, re-sends, duplicates).</param>
public sealed record Hj212StoredRecord(string Mn, string Cn, DateTime DataTime, IReadOnlyDictionary<string, string> Values, int Packets);
