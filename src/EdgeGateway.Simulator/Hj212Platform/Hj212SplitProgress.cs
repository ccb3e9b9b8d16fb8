namespace EdgeGateway.Simulator.Hj212Platform;

/// <summary>How far a split message has come on one connection: the part expected next.</summary>
internal readonly record struct Hj212SplitProgress(string Cn, int Pnum, int NextPno, string? DataTime);
