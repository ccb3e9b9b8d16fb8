namespace EdgeGateway.Configuration;

/// <summary>What <c>edge-gateway --check-config --json</c> prints.</summary>
internal sealed record ConfigCheckReport(bool Ok, string File, IReadOnlyList<ConfigError> Errors, ConfigSummary? Summary);
