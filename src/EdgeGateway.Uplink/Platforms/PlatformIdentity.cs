namespace EdgeGateway.Uplink.Platforms;

/// <summary>
/// What a platform changed by command and the gateway keeps across restarts, over the configuration: PW (1072), MN
/// (1002), the SM4 key (1014) and the intervals (1062, 1064). Null members keep the configured value.
/// </summary>
public sealed record PlatformIdentity
{
    /// <summary>The PW a 1072 set.</summary>
    public string? Pw { get; init; }

    /// <summary>The MN a 1002 set.</summary>
    public string? Mn { get; init; }

    /// <summary>The SM4 key a 1014 set, 32 hex digits.</summary>
    public string? EncryptionKeyHex { get; init; }

    /// <summary>When that key was made: the 1014's <c>SKCreateTime</c>, else when it was set. The next key request names it.</summary>
    public DateTimeOffset? EncryptionKeyCreatedAt { get; init; }

    /// <summary>RtdInterval a 1062 set, in seconds.</summary>
    public int? RealTimeIntervalSeconds { get; init; }

    /// <summary>MinInterval a 1064 set, in minutes.</summary>
    public int? MinuteIntervalMinutes { get; init; }
}
