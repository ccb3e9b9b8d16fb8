using System.Text.Json.Serialization;

namespace EdgeGateway.Control.Contract;

/// <summary>Source-generated serialisation of the <c>modbus</c> control command's arguments and result (Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModbusTunnelRequest))]
[JsonSerializable(typeof(ModbusTunnelResult))]
public sealed partial class ModbusTunnelJsonContext : JsonSerializerContext;
