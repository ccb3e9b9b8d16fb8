using System.Text.Json.Serialization;

namespace EdgeGateway.Uplink.Contract;

/// <summary>Source-generated (Native AOT safe) serializer for the platform contract's messages.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ReadingsMessage))]
[JsonSerializable(typeof(ContractReading))]
[JsonSerializable(typeof(AggregateMessage))]
[JsonSerializable(typeof(AggregateBatchMessage))]
[JsonSerializable(typeof(ContractAggregate))]
[JsonSerializable(typeof(EventMessage))]
public sealed partial class UplinkJsonContext : JsonSerializerContext;
