namespace EdgeGateway.Configuration;

/// <summary>A bus's RS-485 direction control, validated.</summary>
/// <param name="Direction">Who switches the transceiver.</param>
/// <param name="Pin">Gpio: the BCM GPIO on DE/RE; null otherwise.</param>
/// <param name="ActiveLow">Gpio: a low level enables the driver.</param>
/// <param name="DelayBeforeSend">Kernel, gpio: from enabling the driver to the first bit (whole milliseconds).</param>
/// <param name="DelayAfterSend">Kernel, gpio: from the last bit to releasing the bus (whole milliseconds).</param>
/// <param name="RtsOnSend">Kernel: RTS high while sending.</param>
internal sealed record Rs485Settings(Rs485Direction Direction, int? Pin, bool ActiveLow, TimeSpan DelayBeforeSend, TimeSpan DelayAfterSend, bool RtsOnSend)
{
    /// <summary>The default: the hardware switches by itself.</summary>
    public static Rs485Settings Auto { get; } = new(Rs485Direction.Auto, null, false, TimeSpan.Zero, TimeSpan.Zero, true);
}
