namespace EdgeGateway.Uplink.Platforms;

/// <summary>The uploads a platform gets without asking (gateway.json <c>platforms[].uploads</c>).</summary>
[Flags]
public enum PlatformUploads
{
    None = 0,

    /// <summary>2011 real-time data every <see cref="PlatformOptions.RealTimeInterval"/>.</summary>
    RealTime = 1,

    /// <summary>2051 minute records.</summary>
    Minute = 2,

    /// <summary>2061 hour records.</summary>
    Hour = 4,

    /// <summary>2031 day records.</summary>
    Day = 8,

    /// <summary>2021 run state, where the profiles give one.</summary>
    RunState = 16,

    /// <summary>2081 once after each start, when first connected.</summary>
    Restart = 32,
}
