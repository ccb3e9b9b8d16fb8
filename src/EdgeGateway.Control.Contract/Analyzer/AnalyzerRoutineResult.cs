namespace EdgeGateway.Control.Contract.Analyzer;

/// <summary>What <c>egw analyzer CHANNEL ROUTINE</c> did.</summary>
/// <param name="Device">The analyzer (device name in gateway.json).</param>
/// <param name="Command">The profile command written.</param>
/// <param name="Written">The write, e.g. <c>holding 60 = 1</c>.</param>
/// <param name="Results">The registers the profile says to read back, by name.</param>
/// <param name="Flag">C or M on <see cref="Channels"/> until <see cref="Until"/>; null when the routine flags nothing.</param>
/// <param name="Channels">The channels the routine affects.</param>
/// <param name="Until">When the gateway stops flagging them (the analyzer's status bits may flag longer).</param>
public sealed record AnalyzerRoutineResult(string Device, string Command, string Written, IReadOnlyDictionary<string, double> Results, string? Flag, IReadOnlyList<string> Channels, DateTimeOffset? Until);
