namespace EdgeGateway.Uplink.Contract;

/// <summary>The body of <c>{root}/events</c>: one gateway event, so first and last sequence are equal.</summary>
public sealed record EventMessage(
    string GatewayId,
    int SchemaVersion,
    string StoreId,
    long FirstSequence,
    long LastSequence,
    ContractEvent Event);
