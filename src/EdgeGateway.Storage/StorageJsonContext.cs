using System.Text.Json.Serialization;

namespace EdgeGateway.Storage;

/// <summary>Source-generated (Native AOT safe) serializer for the detail of the events the storage layer raises.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DataEvictedDetail))]
[JsonSerializable(typeof(StoreQuarantinedDetail))]
[JsonSerializable(typeof(StorageFailureDetail))]
[JsonSerializable(typeof(ReadingsLostDetail))]
public sealed partial class StorageJsonContext : JsonSerializerContext;
