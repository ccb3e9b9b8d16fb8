using System.Text.Json.Serialization;

namespace EdgeGateway.Uplink.Commands;

/// <summary>
/// Source-generated (Native AOT safe) serializer for command bodies and results. Property names are matched without
/// regard to case when reading, so HJ 212-minded platforms may send <c>BeginTime</c>; unknown properties are ignored.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SetTimeRequest))]
[JsonSerializable(typeof(SetRealTimeIntervalRequest))]
[JsonSerializable(typeof(HistoryRequest))]
[JsonSerializable(typeof(RetainSampleRequest))]
[JsonSerializable(typeof(PingResult))]
[JsonSerializable(typeof(TimeResult))]
[JsonSerializable(typeof(SetTimeResult))]
[JsonSerializable(typeof(RealTimeIntervalResult))]
[JsonSerializable(typeof(HistoryResult))]
[JsonSerializable(typeof(RetainSampleResult))]
[JsonSerializable(typeof(CommandError))]
public sealed partial class PlatformCommandJsonContext : JsonSerializerContext;
