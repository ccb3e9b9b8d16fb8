using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeGateway.Pipeline.Aggregation.State;

/// <summary>
/// Source-generated (Native AOT safe) serializer for <see cref="AggregationSnapshot"/>. B samples have no value and
/// empty extremes are infinite, so NaN and ±Infinity are written as named literals; flags are written as letters.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AggregationSnapshot))]
public sealed partial class AggregationJsonContext : JsonSerializerContext;
