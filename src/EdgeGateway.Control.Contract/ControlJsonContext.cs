using System.Text.Json.Serialization;
using EdgeGateway.Control.Contract.Trend;
using EdgeGateway.Control.Contract.Windows;

namespace EdgeGateway.Control.Contract;

/// <summary>Source-generated serialisation of the control protocol's envelopes (Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ControlRequest))]
[JsonSerializable(typeof(ControlResponse))]
[JsonSerializable(typeof(MaintenanceResult))]
[JsonSerializable(typeof(MaintenanceEventDetail))]
[JsonSerializable(typeof(OutboxStatus))]
[JsonSerializable(typeof(List<MaintenanceWindowRecord>))]
[JsonSerializable(typeof(List<ChannelValue>))]
[JsonSerializable(typeof(List<AuditEntry>))]
[JsonSerializable(typeof(List<PlatformLinkView>))]
[JsonSerializable(typeof(TrendResult))]
[JsonSerializable(typeof(WindowsResult))]
public sealed partial class ControlJsonContext : JsonSerializerContext;
