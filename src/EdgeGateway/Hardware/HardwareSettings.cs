namespace EdgeGateway.Hardware;

/// <summary>The cabinet parts that are enabled (hardware/README.md); each null when off. All null by default.</summary>
/// <param name="GpioChip">The libgpiod chip; null: the board's best driver.</param>
internal sealed record HardwareSettings(int? GpioChip, LedSettings? Leds, DoorSettings? Door, RtcSettings? Rtc, ClimateSettings? Climate, AlarmOutputSettings? AlarmOutput)
{
    public static HardwareSettings None { get; } = new(null, null, null, null, null, null);

    /// <summary>True when some part needs GPIO.</summary>
    public bool UsesGpio => Leds is not null || Door is not null || AlarmOutput is not null;
}
