namespace EdgeGateway.Hosting.Health;

/// <summary>What <c>egw status</c> shows: who this gateway is, and its health.</summary>
/// <param name="ServiceBinary">The service's own binary (its .dll when run by <c>dotnet</c>): <c>egw config check</c> runs its checks with it.</param>
internal sealed record GatewayStatus(string GatewayId, string Site, string Version, DateTimeOffset StartedAt, string ConfigFile, GatewayHealth Health, string? ServiceBinary = null);
