using System.Text.Json.Serialization;

namespace EdgeGateway.Control.Contract.Windows;

/// <summary>An open maintenance window of one channel, as the control command <c>windows</c> lists it.</summary>
/// <param name="Channel">The channel key.</param>
/// <param name="Until">When it ends by itself.</param>
/// <param name="Reason">The reason given at its start; null when not known (restored from an older state file).</param>
/// <param name="StartedAt">When it was started; null when not known.</param>
/// <param name="User">Who started it (the kernel's user name; on behalf of someone, <c>alice (as egw-console)</c>); null when not known.</param>
public sealed record OpenMaintenanceWindow(
    string Channel,
    DateTimeOffset Until,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? StartedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? User);
