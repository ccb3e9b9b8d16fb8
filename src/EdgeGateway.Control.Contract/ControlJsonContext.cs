using System.Text.Json.Serialization;

namespace EdgeGateway.Control.Contract;

/// <summary>Source-generated serialisation of the control protocol's envelopes (Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ControlRequest))]
[JsonSerializable(typeof(ControlResponse))]
[JsonSerializable(typeof(MaintenanceResult))]
[JsonSerializable(typeof(OutboxStatus))]
[JsonSerializable(typeof(List<MaintenanceWindowRecord>))]
[JsonSerializable(typeof(List<ChannelValue>))]
[JsonSerializable(typeof(List<AuditEntry>))]
[JsonSerializable(typeof(List<PlatformLinkView>))]
public sealed partial class ControlJsonContext : JsonSerializerContext;
