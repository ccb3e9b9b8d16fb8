namespace EdgeGateway.Control.Analyzer;

/// <summary>Who starts an analyzer routine, for the audit trail, the event and the alarm stage's sample record.</summary>
/// <param name="UserId">The technician's uid from the kernel; <see cref="NoUser"/> for a platform.</param>
/// <param name="Name">How the audit trail and the event name the caller: a user name, or e.g. <c>platform:province</c>.</param>
/// <param name="Via">Where the command came from, e.g. <c>egw analyzer (alice)</c> or <c>HJ 212 3012 from platform:province</c>.</param>
/// <param name="Reason">The audit entry's reason, e.g. the platform's request QN; none for a technician.</param>
public sealed record AnalyzerRoutineCaller(uint UserId, string Name, string Via, string? Reason = null)
{
    /// <summary>The uid of a caller that is no local user ((uid_t)-1, as POSIX uses for "none").</summary>
    public const uint NoUser = uint.MaxValue;

    /// <summary>A technician through the control socket.</summary>
    public static AnalyzerRoutineCaller Technician(ControlCaller caller)
    {
        var user = UserNames.Of(caller.UserId);
        return new AnalyzerRoutineCaller(caller.UserId, user, $"egw analyzer ({user})");
    }
}
