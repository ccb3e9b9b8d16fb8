using System.Text.Json.Serialization;

namespace EdgeGateway.Core.Alarms;

/// <summary>Source-generated serialisation of the active alarms kept across restarts (Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(List<ActiveAlarm>))]
public sealed partial class AlarmJsonContext : JsonSerializerContext;
