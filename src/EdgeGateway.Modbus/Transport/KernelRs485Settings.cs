namespace EdgeGateway.Modbus.Transport;

/// <summary>
/// The kernel's RS-485 mode (ioctl TIOCSRS485), set by <see cref="PosixSerialTransport"/> when it opens the port: the
/// UART driver raises RTS (wired to the transceiver's DE/RE) around each transmission from its interrupt handler.
/// </summary>
/// <param name="RtsOnSend">RTS high while sending and low after (SER_RS485_RTS_ON_SEND); false for the inverse
/// (SER_RS485_RTS_AFTER_SEND), for boards where RTS reaches DE through an inverter.</param>
/// <param name="DelayBeforeSendMilliseconds">delay_rts_before_send: from RTS to the first start bit.</param>
/// <param name="DelayAfterSendMilliseconds">delay_rts_after_send: from the last stop bit to releasing RTS.</param>
public sealed record KernelRs485Settings(bool RtsOnSend = true, int DelayBeforeSendMilliseconds = 0, int DelayAfterSendMilliseconds = 0)
{
    /// <summary>The kernel clamps longer delays (RS485_MAX_RTS_DELAY in drivers/tty/serial/serial_core.c, Linux 6.0+).</summary>
    public const int MaxDelayMilliseconds = 100;
}
