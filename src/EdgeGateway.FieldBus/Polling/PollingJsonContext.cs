using System.Text.Json.Serialization;

namespace EdgeGateway.FieldBus.Polling;

/// <summary>Source-generated (Native AOT safe) serialisation of the detail of the events the bus pollers raise.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DeviceOutageDetail))]
public sealed partial class PollingJsonContext : JsonSerializerContext;
