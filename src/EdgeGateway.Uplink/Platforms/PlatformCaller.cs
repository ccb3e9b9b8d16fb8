namespace EdgeGateway.Uplink.Platforms;

/// <summary>Who gave a host command: the platform by name and address, and the request's QN (for the audit trail).</summary>
public sealed record PlatformCaller(string PlatformName, string Address, string Qn)
{
    /// <summary>How the audit trail and events name the caller, e.g. <c>platform:province</c>.</summary>
    public string AuditName => "platform:" + PlatformName;
}
