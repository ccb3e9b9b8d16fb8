namespace EdgeGateway.Hardware;

/// <summary>The pull resistor of the door input.</summary>
public enum DoorInputBias
{
    /// <summary>An external resistor holds the level.</summary>
    None,

    PullUp,

    PullDown,
}
