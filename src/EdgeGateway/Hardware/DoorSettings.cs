namespace EdgeGateway.Hardware;

/// <summary>The door switch input.</summary>
/// <param name="Pin">BCM number.</param>
/// <param name="OpenWhenHigh">True when a high input means the door is open.</param>
/// <param name="Bias">The input's pull resistor.</param>
/// <param name="Debounce">How long a level must hold before it counts.</param>
internal sealed record DoorSettings(int Pin, bool OpenWhenHigh, DoorInputBias Bias, TimeSpan Debounce);
