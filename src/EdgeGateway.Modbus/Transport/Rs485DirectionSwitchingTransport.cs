namespace EdgeGateway.Modbus.Transport;

/// <summary>
/// A serial transport whose RS-485 transceiver direction is switched by the master around each frame: transmit, wait
/// <see cref="DelayBeforeSend"/>, write (which returns once the UART has sent the last stop bit), wait
/// <see cref="DelayAfterSend"/>, receive. Reads happen only after that, so the answer is never talked over.
/// </summary>
/// <remarks>
/// <para>
/// A decorator rather than a feature of one transport: both serial transports' <see cref="IModbusTransport.Write"/>
/// return only after tcdrain (<see cref="PosixSerialTransport"/> calls it, <see cref="SerialPortTransport"/>'s Flush does),
/// so the switch works over either.
/// </para>
/// <para>
/// Timing is the weak point of switching from user space: tcdrain returns when the kernel sees the UART empty, which
/// the serial core polls, so the release can come a few milliseconds after the last bit. A slave that answers faster
/// than that loses the start of its answer. The kernel's RS-485 mode (<see cref="KernelRs485Settings"/>) switches from
/// the interrupt and has no such gap; prefer it where the UART driver supports it.
/// </para>
/// </remarks>
public sealed class Rs485DirectionSwitchingTransport : IModbusTransport
{
    private readonly IModbusTransport _inner;
    private readonly IRs485DirectionSwitch _direction;
    private readonly Action<TimeSpan> _sleep;

    /// <param name="inner">The serial port.</param>
    /// <param name="direction">The transceiver's DE/RE lines.</param>
    /// <param name="delayBeforeSend">From enabling the driver to the first start bit (lets the transceiver and the bus settle).</param>
    /// <param name="delayAfterSend">From the last stop bit to releasing the bus.</param>
    /// <param name="sleep">Waits the delays; <see cref="Thread.Sleep(TimeSpan)"/> unless a test records them instead.</param>
    public Rs485DirectionSwitchingTransport(IModbusTransport inner, IRs485DirectionSwitch direction, TimeSpan delayBeforeSend, TimeSpan delayAfterSend, Action<TimeSpan>? sleep = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(direction);
        ArgumentOutOfRangeException.ThrowIfLessThan(delayBeforeSend, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(delayAfterSend, TimeSpan.Zero);
        _inner = inner;
        _direction = direction;
        DelayBeforeSend = delayBeforeSend;
        DelayAfterSend = delayAfterSend;
        _sleep = sleep ?? Thread.Sleep;
    }

    public TimeSpan DelayBeforeSend { get; }

    public TimeSpan DelayAfterSend { get; }

    /// <summary>The serial port underneath.</summary>
    public IModbusTransport Inner => _inner;

    /// <inheritdoc/>
    public string Endpoint => _inner.Endpoint;

    /// <inheritdoc/>
    public bool IsOpen => _inner.IsOpen;

    /// <inheritdoc/>
    /// <remarks>Also puts the transceiver in receive, whatever a crash or another program left it in.</remarks>
    public void Open()
    {
        _inner.Open();
        _direction.Receive();
    }

    /// <inheritdoc/>
    public void Close() => _inner.Close();

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<byte> data)
    {
        _direction.Transmit();
        try
        {
            Pause(DelayBeforeSend);
            _inner.Write(data);
            Pause(DelayAfterSend);
        }
        finally
        {
            // Also after a failed write: a station stuck in transmit silences the whole bus.
            _direction.Receive();
        }
    }

    /// <inheritdoc/>
    public int Read(Span<byte> buffer, TimeSpan timeout) => _inner.Read(buffer, timeout);

    /// <inheritdoc/>
    public int DiscardInput() => _inner.DiscardInput();

    /// <inheritdoc/>
    public void Dispose() => _inner.Dispose();

    public override string ToString() => Endpoint;

    private void Pause(TimeSpan delay)
    {
        if (delay > TimeSpan.Zero)
        {
            _sleep(delay);
        }
    }
}
