namespace EdgeGateway.Uplink.Contract;

/// <summary>
/// The batch form of <c>{root}/aggregates/{period}</c>: consecutive records of one period, exactly sequences
/// <see cref="FirstSequence"/>..<see cref="LastSequence"/>, each record with its own sequence.
/// </summary>
public sealed record AggregateBatchMessage(
    string GatewayId,
    int SchemaVersion,
    string StoreId,
    long FirstSequence,
    long LastSequence,
    IReadOnlyList<ContractAggregate> Records);
