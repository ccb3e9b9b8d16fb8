namespace EdgeGateway.WebConsole.Access;

/// <summary>A logged-in technician: who, and until when the session cookie is honoured.</summary>
internal sealed record ConsoleSession(string User, DateTimeOffset Expires);
