namespace EdgeGateway.Control.Contract;

/// <summary>One line of the audit trail: who did what, when, to what, and what it was before and after.</summary>
/// <param name="At">When, UTC.</param>
/// <param name="UserId">The caller's uid, from the kernel (SO_PEERCRED), not from anything the client said.</param>
/// <param name="User">The uid's user name from the password database, or the uid as text.</param>
/// <param name="Action">E.g. <c>maintenance-start</c>.</param>
/// <param name="Target">What it acted on, e.g. <c>device dust</c> or <c>channel cems.so2</c>.</param>
/// <param name="Reason">What the technician gave as the reason.</param>
/// <param name="Before">The state before, as text; null when there was none.</param>
/// <param name="After">The state after, as text; null when there is none.</param>
/// <param name="OnBehalfOf">
/// Whom the caller acted for, as the caller said (the web console's own login, e.g. <c>alice</c>, while
/// <paramref name="UserId"/> and <paramref name="User"/> stay the kernel's); null when it acted for itself, and in lines
/// written before it was kept.
/// </param>
public sealed record AuditEntry(DateTimeOffset At, uint UserId, string User, string Action, string Target, string? Reason, string? Before, string? After, string? OnBehalfOf = null);
