namespace EdgeGateway.Configuration.LimitPresets;

/// <summary>A problem with a preset file or directory.</summary>
/// <param name="File">The file (or directory) it is in.</param>
/// <param name="Message">What is wrong, naming the pollutant code where there is one.</param>
internal sealed record LimitPresetError(string File, string Message);
