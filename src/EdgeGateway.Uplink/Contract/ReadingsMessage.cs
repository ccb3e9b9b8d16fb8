namespace EdgeGateway.Uplink.Contract;

/// <summary>The body of <c>{root}/readings</c>: consecutive readings, exactly sequences <see cref="FirstSequence"/>..<see cref="LastSequence"/>.</summary>
public sealed record ReadingsMessage(
    string GatewayId,
    int SchemaVersion,
    string StoreId,
    long FirstSequence,
    long LastSequence,
    IReadOnlyList<ContractReading> Readings);
