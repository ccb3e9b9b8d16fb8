namespace EdgeGateway.Hj212.Splitting;

/// <summary>
/// Which split message a packet belongs to: (MN, CN, PNUM), narrowed by the DataTime every packet repeats so two
/// messages of the same kind in flight at once (e.g. consecutive history records) are not mixed.
/// </summary>
internal readonly record struct Hj212ReassemblyKey(string Mn, string Cn, int Pnum, string? DataTime);
