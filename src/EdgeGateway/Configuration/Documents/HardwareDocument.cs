namespace EdgeGateway.Configuration.Documents;

/// <summary>
/// The <c>hardware</c> section: the cabinet's own parts (hardware/README.md). Every part is off unless its
/// <c>enabled</c> is true, so a gateway on a PC or in CI never touches GPIO or I2C.
/// </summary>
internal sealed class HardwareDocument
{
    /// <summary>The GPIO chip (libgpiod) the pins are on; the board's best driver when absent.</summary>
    public int? GpioChip { get; set; }

    public LedsDocument? Leds { get; set; }

    public DoorDocument? Door { get; set; }

    public RtcDocument? Rtc { get; set; }

    public ClimateDocument? Climate { get; set; }

    public AlarmOutputDocument? AlarmOutput { get; set; }
}
