namespace EdgeGateway.Uplink.Contract;

/// <summary>The body of <c>{root}/aggregates/{period}</c>: one aggregate record, so first and last sequence are equal.</summary>
public sealed record AggregateMessage(
    string GatewayId,
    int SchemaVersion,
    string StoreId,
    long FirstSequence,
    long LastSequence,
    ContractAggregate Record);
