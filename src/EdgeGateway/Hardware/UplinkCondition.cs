namespace EdgeGateway.Hardware;

/// <summary>The link to the platform, as the uplink LED shows it.</summary>
internal enum UplinkCondition
{
    /// <summary>Not connected to the broker (it retries by itself).</summary>
    Down,

    /// <summary>Connected, and sending records stored while it was down.</summary>
    Draining,

    /// <summary>Connected, with only live data to send.</summary>
    Connected,
}
