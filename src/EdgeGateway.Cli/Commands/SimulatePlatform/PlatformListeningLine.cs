namespace EdgeGateway.Cli.Commands.SimulatePlatform;

/// <summary>The first line of <c>egw simulate-platform --json</c>: where it listens and as which edition.</summary>
internal sealed record PlatformListeningLine(string Listening, string Edition);
