namespace EdgeGateway.Hardware;

/// <summary>The pull resistor of the door input.</summary>
internal enum DoorInputBias
{
    /// <summary>An external resistor holds the level.</summary>
    None,

    PullUp,

    PullDown,
}
