namespace EdgeGateway.Cli.Output;

/// <summary>What a command prints with <c>--json</c> when it fails: the same line as on stderr, and its kind.</summary>
internal sealed record ErrorReport(string Error, string Kind);
