namespace EdgeGateway.Cli.Commands.SimulatePlatform;

/// <summary>One packet the simulated platform received, as <c>egw simulate-platform --json</c> prints it (one object per line).</summary>
internal sealed record PlatformPacketLine(
    string Time,
    long Sequence,
    long Connection,
    string? Cn,
    string? Qn,
    string? Mn,
    string? Cp,
    bool Repeat,
    IReadOnlyList<string> Problems);
