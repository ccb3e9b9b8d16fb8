namespace EdgeGateway.Modbus.Transport;

/// <summary>
/// A byte pipe to a bus: a serial port, a TCP socket, or an in-memory pair in tests.
/// Protocol code sees only this interface and never touches a port or a socket.
/// </summary>
/// <remarks>
/// The contract is synchronous on purpose: each bus is owned by one dedicated thread that blocks in
/// poll(2) while it waits, which costs no CPU when idle and gives millisecond-accurate frame timing.
/// Implementations are not thread-safe; the owner serialises calls.
/// </remarks>
public interface IModbusTransport : IDisposable
{
    /// <summary>Where this transport leads, for logs and messages, e.g. <c>/dev/ttyUSB0 9600 8N1</c> or <c>tcp://10.0.0.5:502</c>.</summary>
    string Endpoint { get; }

    /// <summary>True after a successful <see cref="Open"/> and until a hang-up or <see cref="Close"/>.</summary>
    bool IsOpen { get; }

    /// <summary>Opens (or reopens) the port or connection.</summary>
    /// <exception cref="ModbusTransportException">The port does not exist, is busy, or the peer refused.</exception>
    void Open();

    /// <summary>Closes the port or connection; a later <see cref="Open"/> may reopen it.</summary>
    void Close();

    /// <summary>Writes all bytes and returns when they have left the driver (tcdrain on a serial line).</summary>
    /// <exception cref="ModbusTransportException">The port hung up or the connection dropped; the transport is closed.</exception>
    void Write(ReadOnlySpan<byte> data);

    /// <summary>
    /// Waits at most <paramref name="timeout"/> for bytes and reads what is available into <paramref name="buffer"/>.
    /// </summary>
    /// <returns>The number of bytes read; 0 when the timeout passed in silence.</returns>
    /// <exception cref="ModbusTransportException">The port hung up or the connection dropped; the transport is closed.</exception>
    int Read(Span<byte> buffer, TimeSpan timeout);

    /// <summary>Drops every byte already received and not yet read.</summary>
    /// <returns>How many bytes were dropped.</returns>
    int DiscardInput();
}
