namespace EdgeGateway.Uplink.Contract;

/// <summary>
/// The single form of <c>{root}/aggregates/{period}</c>: one aggregate record, so first and last sequence are equal
/// (<see cref="AggregateMessageForm.Single"/>; the batch form is <see cref="AggregateBatchMessage"/>).
/// </summary>
public sealed record AggregateMessage(
    string GatewayId,
    int SchemaVersion,
    string StoreId,
    long FirstSequence,
    long LastSequence,
    ContractAggregate Record);
