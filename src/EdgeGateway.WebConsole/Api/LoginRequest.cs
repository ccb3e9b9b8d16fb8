namespace EdgeGateway.WebConsole.Api;

/// <summary>The login form's body.</summary>
internal sealed record LoginRequest(string? User, string? Password);
