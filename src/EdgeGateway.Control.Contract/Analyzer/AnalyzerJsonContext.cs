using System.Text.Json.Serialization;

namespace EdgeGateway.Control.Contract.Analyzer;

/// <summary>Source-generated serialisation of the analyzer command's result (Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AnalyzerRoutineResult))]
public sealed partial class AnalyzerJsonContext : JsonSerializerContext;
