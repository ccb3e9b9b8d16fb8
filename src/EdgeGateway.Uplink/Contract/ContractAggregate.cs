namespace EdgeGateway.Uplink.Contract;

/// <summary>One aggregate record (minute, hour or day) inside an <see cref="AggregateMessage"/> or an <see cref="AggregateBatchMessage"/>.</summary>
/// <remarks>
/// Statistics are null when they are not numbers (no valid sample in the window). <see cref="FlagCounts"/> came last
/// (issue 17): a minute flagged D for maintenance must be told apart from one flagged D for a fault.
/// </remarks>
public sealed record ContractAggregate(
    long Sequence,
    string Outlet,
    string Channel,
    string Code,
    string Unit,
    string Period,
    string Start,
    string End,
    double? Min,
    double? Avg,
    double? Max,
    double? ZsMin,
    double? ZsAvg,
    double? ZsMax,
    double? Cou,
    bool Valid,
    string Flag,
    int ExpectedCount,
    int ValidCount,
    int TotalCount,
    ContractFlagCounts FlagCounts);
