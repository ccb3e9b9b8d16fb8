using System.IO.Ports;
using EdgeGateway.Modbus.Transport.Posix;

namespace EdgeGateway.Modbus.Transport;

/// <summary>
/// The transport contract over System.IO.Ports: the portable fallback (and the baseline of the idle-CPU benchmark)
/// for when <see cref="PosixSerialTransport"/> cannot be used.
/// </summary>
/// <remarks>
/// Known limits of System.IO.Ports 11 on Linux (docs/library-notes.md §2), which this class works around where it can:
/// <list type="bullet">
/// <item>Read timeouts below 30 ms are rounded up to 30 ms, so a Modbus t3.5 gap cannot be timed with it.</item>
/// <item>A pending read keeps an I/O loop waking every millisecond (a few % of a core per port).</item>
/// <item>After a hang-up the stream fails one request, then <c>IsOpen</c> stays true and reads just time out;
/// so any failure closes the port here, and a silent read also checks that the device node still exists.</item>
/// </list>
/// </remarks>
public sealed class SerialPortTransport : IModbusTransport
{
    /// <summary>Upper bound for one Write including the drain; with no flow control it only trips on a wedged driver.</summary>
    private const int WriteTimeoutMilliseconds = 2000;

    private SerialPort? _port;
    private ExclusivePortLock? _lock;
    private Stream? _stream;
    private byte[] _readBuffer = [];
    private int _currentReadTimeoutMilliseconds = -2;

    /// <summary>Checks the settings; the port is opened by <see cref="Open"/>.</summary>
    /// <exception cref="ModbusTransportException">A setting is not supported (baud rate, data bits, stop bits).</exception>
    public SerialPortTransport(SerialSettings settings)
    {
        SupportedSerialSettings.Validate(settings);
        Settings = settings;
    }

    /// <summary>The line settings this port is opened with.</summary>
    public SerialSettings Settings { get; }

    /// <inheritdoc/>
    public string Endpoint => Settings.ToString();

    /// <inheritdoc/>
    public bool IsOpen => _port is not null;

    private string PortName => Settings.PortName;

    /// <inheritdoc/>
    public void Open()
    {
        Close();
        // A pty has no character format; System.IO.Ports would fail with ArgumentException asking it for one
        // (see PseudoTerminal).
        bool pseudoTerminal = OperatingSystem.IsLinux() && PseudoTerminal.IsPseudoTerminal(PortName);
        var port = new SerialPort(
            PortName,
            Settings.BaudRate,
            (pseudoTerminal ? SerialParity.None : Settings.Parity) switch
            {
                SerialParity.Even => Parity.Even,
                SerialParity.Odd => Parity.Odd,
                _ => Parity.None,
            },
            pseudoTerminal ? 8 : Settings.DataBits,
            Settings.StopBits == 2 ? StopBits.Two : StopBits.One)
        {
            Handshake = Handshake.None,
            WriteTimeout = WriteTimeoutMilliseconds,
        };

        // Linux: lock before opening, so a second user is refused with a clear message whatever its uid
        // (System.IO.Ports alone relies on TIOCEXCL, which root ignores). Windows ports are exclusive already.
        ExclusivePortLock? portLock = OperatingSystem.IsLinux() ? ExclusivePortLock.Acquire(PortName) : null;
        try
        {
            port.Open();
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            portLock?.Dispose();
            throw new ModbusTransportException(DescribeOpenFailure(exception), exception);
        }

        _port = port;
        _lock = portLock;
        _stream = port.BaseStream;
        _currentReadTimeoutMilliseconds = -2;
        try
        {
            port.DiscardInBuffer();
            port.DiscardOutBuffer();
        }
        catch (Exception exception) when (IsPortFailure(exception))
        {
            throw Fail(exception);
        }
    }

    /// <inheritdoc/>
    public void Close()
    {
        SerialPort? port = _port;
        ExclusivePortLock? portLock = _lock;
        _port = null;
        _stream = null;
        _lock = null;
        if (port is null)
        {
            return;
        }

        try
        {
            port.Dispose();
        }
        catch (Exception exception) when (IsPortFailure(exception))
        {
            // Closing a port whose device vanished can throw; the port is gone either way.
        }
        finally
        {
            // Released last, so nobody can take the port while our SerialPort still holds it.
            portLock?.Dispose();
        }
    }

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<byte> data)
    {
        Stream stream = RequireOpen();
        try
        {
            stream.Write(data);
            // SerialStream.Flush waits for its write queue, then tcdrain: the bytes have left the UART.
            stream.Flush();
        }
        catch (TimeoutException exception)
        {
            Close();
            throw new ModbusTransportException($"{PortName}: write did not complete within {WriteTimeoutMilliseconds} ms", exception);
        }
        catch (Exception exception) when (IsPortFailure(exception))
        {
            throw Fail(exception);
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// System.IO.Ports rounds read timeouts up to whole milliseconds and then to at least 30 ms, so a short
    /// timeout here waits longer than asked; callers that time Modbus gaps should use <see cref="PosixSerialTransport"/>.
    /// </remarks>
    public int Read(Span<byte> buffer, TimeSpan timeout)
    {
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must not be negative.");
        }

        Stream stream = RequireOpen();
        if (buffer.IsEmpty)
        {
            return 0;
        }

        SerialPort port = _port!;
        try
        {
            if (timeout == TimeSpan.Zero && port.BytesToRead == 0)
            {
                return 0;   // ReadTimeout 0 would still go through the I/O loop; nothing to wait for.
            }

            int timeoutMilliseconds = timeout == Timeout.InfiniteTimeSpan
                ? SerialPort.InfiniteTimeout
                : (int)Math.Max(1, Math.Ceiling(timeout.TotalMilliseconds));
            if (timeoutMilliseconds != _currentReadTimeoutMilliseconds)
            {
                stream.ReadTimeout = timeoutMilliseconds;
                _currentReadTimeoutMilliseconds = timeoutMilliseconds;
            }

            if (_readBuffer.Length < buffer.Length)
            {
                _readBuffer = new byte[buffer.Length];
            }

            // The byte[] overload: SerialStream implements it directly (the Span one would rent and copy anyway).
            int count = stream.Read(_readBuffer, 0, buffer.Length);
            if (count == 0)
            {
                throw Fail(new EndOfStreamException());
            }

            _readBuffer.AsSpan(0, count).CopyTo(buffer);
            return count;
        }
        catch (TimeoutException)
        {
            // A pty whose other end died, or a USB adapter pulled out, may only ever time out here: its device node is gone.
            if (!File.Exists(PortName))
            {
                throw Fail(new FileNotFoundException(null, PortName));
            }

            return 0;
        }
        catch (Exception exception) when (IsPortFailure(exception))
        {
            throw Fail(exception);
        }
    }

    /// <inheritdoc/>
    public int DiscardInput()
    {
        RequireOpen();
        SerialPort port = _port!;
        try
        {
            int dropped = port.BytesToRead;
            port.DiscardInBuffer();
            return dropped;
        }
        catch (Exception exception) when (IsPortFailure(exception))
        {
            throw Fail(exception);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Close();

    public override string ToString() => Endpoint;

    private static bool IsPortFailure(Exception exception) =>
        exception is not ModbusTransportException
        and (IOException or ObjectDisposedException or InvalidOperationException or UnauthorizedAccessException);

    private Stream RequireOpen() =>
        _stream ?? throw new ModbusTransportException($"{PortName}: port is not open");

    /// <summary>Closes the port (System.IO.Ports cannot recover by itself) and wraps the cause.</summary>
    private ModbusTransportException Fail(Exception cause)
    {
        Close();
        return new ModbusTransportException($"{PortName}: port hung up (device unplugged or the other end closed)", cause);
    }

    /// <summary>
    /// System.IO.Ports reports every open failure as UnauthorizedAccessException; the errno is in the inner
    /// exception's HResult (Interop.GetIOException), which tells the technician's cases apart.
    /// </summary>
    private string DescribeOpenFailure(Exception exception)
    {
        if (!File.Exists(PortName))
        {
            return $"{PortName}: no such serial port";
        }

        int errno = exception.InnerException?.HResult ?? 0;
        return errno switch
        {
            1 or 13 => $"{PortName}: permission denied (is the user in the 'dialout' group?)",   // EPERM, EACCES
            11 or 16 => $"{PortName}: port is in use by another process",                         // EWOULDBLOCK, EBUSY
            6 or 19 or 5 => $"{PortName}: device not present (unplugged?)",                        // ENXIO, ENODEV, EIO
            25 => $"{PortName}: not a serial port",                                                // ENOTTY
            _ => $"{PortName}: cannot open: {exception.InnerException?.Message ?? exception.Message}",
        };
    }
}
