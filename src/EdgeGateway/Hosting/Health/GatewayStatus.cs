namespace EdgeGateway.Hosting.Health;

/// <summary>What <c>egw status</c> shows: who this gateway is, and its health.</summary>
internal sealed record GatewayStatus(string GatewayId, string Site, string Version, DateTimeOffset StartedAt, string ConfigFile, GatewayHealth Health);
