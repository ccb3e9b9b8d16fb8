namespace EdgeGateway;

/// <summary>What edge-gateway's exit code means (systemd's Restart=on-failure restarts on any non-zero one).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The configuration is invalid, or a fatal error stopped the gateway.</summary>
    public const int Failed = 1;

    /// <summary>Unknown or malformed command-line arguments.</summary>
    public const int Usage = 2;
}
