namespace EdgeGateway.Control.Contract;

/// <summary>The <c>detail</c> of a <c>maintenance</c> event from the control command <c>maintenance</c>.</summary>
/// <param name="Action"><c>start</c> or <c>stop</c>.</param>
/// <param name="Target"><c>device dust</c> or <c>channel cems.so2</c>.</param>
/// <param name="Channels">The channel keys.</param>
/// <param name="Until">The window's end (start only).</param>
/// <param name="Reason">The reason given.</param>
/// <param name="User">The kernel's user name of the caller.</param>
/// <param name="OnBehalfOf">Whom the caller acted for (the web console's login); absent when it acted for itself.</param>
public sealed record MaintenanceEventDetail(string Action, string Target, IReadOnlyList<string> Channels, DateTimeOffset? Until, string? Reason, string User, string? OnBehalfOf);
