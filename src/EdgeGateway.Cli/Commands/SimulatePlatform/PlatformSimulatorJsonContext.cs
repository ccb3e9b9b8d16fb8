using System.Text.Json.Serialization;

namespace EdgeGateway.Cli.Commands.SimulatePlatform;

/// <summary>Source-generated JSON for <c>egw simulate-platform --json</c>: one compact object per line, so a script can follow it.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = false,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PlatformPacketLine))]
[JsonSerializable(typeof(PlatformListeningLine))]
internal sealed partial class PlatformSimulatorJsonContext : JsonSerializerContext;
