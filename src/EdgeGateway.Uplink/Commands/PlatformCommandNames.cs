namespace EdgeGateway.Uplink.Commands;

/// <summary>
/// The command names the gateway understands: the last part of <c>{root}/cmd/{name}</c>. The HJ 212-2017 command each
/// one stands in for is named in docs/platform-contract.md.
/// </summary>
public static class PlatformCommandNames
{
    /// <summary>Liveness and identity: gateway id, time, version, uptime.</summary>
    public const string Ping = "ping";

    /// <summary>The gateway's UTC time and clock status (HJ 212 CN 1011).</summary>
    public const string GetTime = "get-time";

    /// <summary>Sets the gateway's clock (HJ 212 CN 1012).</summary>
    public const string SetTime = "set-time";

    /// <summary>The real-time data interval (HJ 212 CN 1061).</summary>
    public const string GetRealTimeInterval = "get-rt-interval";

    /// <summary>Sets the real-time data interval (HJ 212 CN 1062).</summary>
    public const string SetRealTimeInterval = "set-rt-interval";

    /// <summary>Re-sends stored records of a time range (HJ 212 CN 2051, 2061, 2031).</summary>
    public const string History = "history";

    /// <summary>Makes a sampler keep a sample and answers its bottle (HJ 212 CN 3015, over-limit sample retention).</summary>
    public const string RetainSample = "retain-sample";
}
