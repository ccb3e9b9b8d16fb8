using System.Text.Json.Serialization;

namespace EdgeGateway.Pipeline.Alarms;

/// <summary>Source-generated serialisation of the active alarms (alarms.json, egw alarms) and of alarm events' detail (Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(List<ActiveAlarm>))]
[JsonSerializable(typeof(AlarmTransition))]
public sealed partial class AlarmJsonContext : JsonSerializerContext;
