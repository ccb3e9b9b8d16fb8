namespace EdgeGateway.Cli.Output;

/// <summary>The JSON document of <c>egw profile check --json</c>, one per file.</summary>
internal sealed record ProfileCheckReport(
    string File,
    bool Valid,
    IReadOnlyList<string> Errors,
    string? Model,
    int Channels,
    int StatusWords,
    string? Plan,
    IReadOnlyList<PlannedRequestReport> Requests,
    BusTimeReport? BusTime);
