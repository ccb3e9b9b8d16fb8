namespace EdgeGateway.Control.Contract.Console;

/// <summary>One problem with the <c>console</c> section.</summary>
/// <param name="Key">The configuration path, colon-separated as IConfiguration writes it: <c>console:listen</c>.</param>
/// <param name="Message">What is wrong, and what would be right.</param>
public sealed record ConsoleSettingsProblem(string Key, string Message);
