using System.Diagnostics;
using System.Runtime.InteropServices;
using EdgeGateway.Modbus.Transport.Posix;

namespace EdgeGateway.Modbus.Transport;

/// <summary>
/// A serial port driven directly through termios and ppoll (Linux, glibc): raw mode, no flow control, an exclusive
/// lock on the port, and read timeouts with nanosecond resolution for Modbus RTU inter-frame gaps.
/// </summary>
/// <remarks>
/// Why not System.IO.Ports: its Linux implementation polls every millisecond while a read is pending (about 3 % of
/// an x64 core per idle port), rounds timeouts below 30 ms up to 30 ms, and cannot report a hang-up reliably
/// (see <see cref="SerialPortTransport"/>). Here a waiting read sleeps in one ppoll(2) call and costs no CPU.
/// Works on real UARTs, USB adapters and socat ptys (a pty accepts termios calls and ignores the baud rate).
/// </remarks>
public sealed class PosixSerialTransport : IModbusTransport
{
    /// <summary>How long one write may stall with a full driver buffer before we give up (no flow control, so it should not).</summary>
    private static readonly TimeSpan WriteStallLimit = TimeSpan.FromSeconds(2);

    private FileDescriptorHandle? _descriptor;

    /// <summary>Checks the settings; the port is opened by <see cref="Open"/>.</summary>
    /// <param name="settings">The line settings.</param>
    /// <param name="kernelRs485">When given, <see cref="Open"/> switches the port to the kernel's RS-485 mode.</param>
    /// <exception cref="ModbusTransportException">A setting is not supported (baud rate, data bits, stop bits, RS-485 delays).</exception>
    public PosixSerialTransport(SerialSettings settings, KernelRs485Settings? kernelRs485 = null)
    {
        SupportedSerialSettings.Validate(settings);
        if (!OperatingSystem.IsLinux())
        {
            throw new ModbusTransportException($"{settings.PortName}: the termios serial transport runs on Linux only");
        }

        if (kernelRs485 is not null
            && (kernelRs485.DelayBeforeSendMilliseconds is < 0 or > KernelRs485Settings.MaxDelayMilliseconds
                || kernelRs485.DelayAfterSendMilliseconds is < 0 or > KernelRs485Settings.MaxDelayMilliseconds))
        {
            throw new ModbusTransportException($"{settings.PortName}: RS-485 delays must be 0 to {KernelRs485Settings.MaxDelayMilliseconds} ms");
        }

        Settings = settings;
        KernelRs485 = kernelRs485;
    }

    /// <summary>The line settings this port is opened with.</summary>
    public SerialSettings Settings { get; }

    /// <summary>The kernel RS-485 mode set at each open; null leaves the port's mode as it is.</summary>
    public KernelRs485Settings? KernelRs485 { get; }

    /// <inheritdoc/>
    public string Endpoint => Settings.ToString();

    /// <inheritdoc/>
    public bool IsOpen => _descriptor is not null;

    private string PortName => Settings.PortName;

    /// <inheritdoc/>
    public void Open()
    {
        Close();
        int fileDescriptor = LibC.Open(
            PortName,
            PosixConstants.OpenReadWrite | PosixConstants.OpenNoControllingTty | PosixConstants.OpenNonBlocking | PosixConstants.OpenCloseOnExec);
        if (fileDescriptor < 0)
        {
            throw new ModbusTransportException(PosixErrno.DescribeOpenFailure(PortName, Marshal.GetLastPInvokeError()));
        }

        var descriptor = new FileDescriptorHandle(fileDescriptor);
        bool exclusive = false;
        try
        {
            LockExclusively(fileDescriptor);
            exclusive = true;
            ConfigureLine(fileDescriptor);
            if (KernelRs485 is not null)
            {
                EnableKernelRs485(fileDescriptor, KernelRs485);
            }
        }
        catch
        {
            // Only undo our own TIOCEXCL: if the lock failed, the flag belongs to the process holding the port.
            if (exclusive)
            {
                _ = LibC.IoctlNoArgument(fileDescriptor, PosixConstants.IoctlNotExclusive);
            }

            descriptor.Dispose();
            throw;
        }

        _descriptor = descriptor;
    }

    /// <inheritdoc/>
    public void Close()
    {
        FileDescriptorHandle? descriptor = _descriptor;
        if (descriptor is null)
        {
            return;
        }

        _descriptor = null;
        // TIOCEXCL is a property of the tty, not of our descriptor, and a pty's tty lives on while socat holds the
        // master: clear it so the next non-root opener is not refused (closing the descriptor releases the flock).
        // Failures do not matter, the port is going away.
        if (!descriptor.IsClosed)
        {
            _ = LibC.IoctlNoArgument((int)descriptor.DangerousGetHandle(), PosixConstants.IoctlNotExclusive);
        }

        descriptor.Dispose();
    }

    /// <inheritdoc/>
    public unsafe void Write(ReadOnlySpan<byte> data)
    {
        FileDescriptorHandle descriptor = RequireOpen();
        bool referenced = false;
        try
        {
            descriptor.DangerousAddRef(ref referenced);
            int fileDescriptor = (int)descriptor.DangerousGetHandle();
            fixed (byte* start = data)
            {
                int written = 0;
                while (written < data.Length)
                {
                    nint result = LibC.Write(fileDescriptor, start + written, (nuint)(data.Length - written));
                    if (result > 0)
                    {
                        written += (int)result;
                        continue;
                    }

                    int errno = result < 0 ? Marshal.GetLastPInvokeError() : PosixErrno.TryAgain;
                    if (errno == PosixErrno.Interrupted)
                    {
                        continue;
                    }

                    if (errno != PosixErrno.TryAgain)
                    {
                        throw WriteFailure(errno);
                    }

                    // The driver's buffer is full (non-blocking descriptor): wait until it drains a little.
                    short events = Poll(fileDescriptor, PosixConstants.PollOut, WriteStallLimit);
                    if (events == 0)
                    {
                        throw new ModbusTransportException(
                            $"{PortName}: write stalled for {WriteStallLimit.TotalSeconds:0} s with {data.Length - written} bytes unsent");
                    }

                    if ((events & PosixConstants.PollOut) == 0)
                    {
                        throw HangUp();
                    }
                }
            }

            // Return only when the last stop bit has left the UART, so the caller's response timeout
            // (and an RS-485 direction switch) starts at the right moment.
            while (LibC.TcDrain(fileDescriptor) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno != PosixErrno.Interrupted)
                {
                    throw WriteFailure(errno);
                }
            }
        }
        catch (ModbusTransportException)
        {
            Close();
            throw;
        }
        finally
        {
            if (referenced)
            {
                descriptor.DangerousRelease();
            }
        }
    }

    /// <inheritdoc/>
    public unsafe int Read(Span<byte> buffer, TimeSpan timeout)
    {
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must not be negative.");
        }

        FileDescriptorHandle descriptor = RequireOpen();
        if (buffer.IsEmpty)
        {
            return 0;
        }

        bool referenced = false;
        try
        {
            descriptor.DangerousAddRef(ref referenced);
            int fileDescriptor = (int)descriptor.DangerousGetHandle();
            long startTimestamp = Stopwatch.GetTimestamp();
            while (true)
            {
                TimeSpan remaining = timeout == Timeout.InfiniteTimeSpan
                    ? Timeout.InfiniteTimeSpan
                    : TimeSpan.FromTicks(Math.Max(0, (timeout - Stopwatch.GetElapsedTime(startTimestamp)).Ticks));
                short events = Poll(fileDescriptor, PosixConstants.PollIn, remaining);
                if (events == 0)
                {
                    return 0;
                }

                if ((events & PosixConstants.PollIn) == 0)
                {
                    // POLLHUP/POLLERR/POLLNVAL without data: the device is gone (USB unplug, pty master closed).
                    throw HangUp();
                }

                nint count;
                fixed (byte* start = buffer)
                {
                    count = LibC.Read(fileDescriptor, start, (nuint)buffer.Length);
                }

                if (count > 0)
                {
                    return (int)count;
                }

                if (count == 0)
                {
                    // Readable but end-of-file: on a tty that only happens after a hang-up.
                    throw HangUp();
                }

                int errno = Marshal.GetLastPInvokeError();
                if (errno is PosixErrno.TryAgain or PosixErrno.Interrupted)
                {
                    continue;   // woken without data after all; wait for the rest of the timeout
                }

                throw errno == PosixErrno.InputOutput ? HangUp() : ReadFailure(errno);
            }
        }
        catch (ModbusTransportException)
        {
            Close();
            throw;
        }
        finally
        {
            if (referenced)
            {
                descriptor.DangerousRelease();
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Reads and counts what the line discipline holds, then tcflush(TCIFLUSH) drops what is still on its way up from
    /// the UART or the USB adapter; those last bytes cannot be counted.
    /// </remarks>
    public unsafe int DiscardInput()
    {
        FileDescriptorHandle descriptor = RequireOpen();
        bool referenced = false;
        try
        {
            descriptor.DangerousAddRef(ref referenced);
            int fileDescriptor = (int)descriptor.DangerousGetHandle();
            int dropped = 0;
            byte* scratch = stackalloc byte[256];
            while (true)
            {
                nint count = LibC.Read(fileDescriptor, scratch, 256);
                if (count > 0)
                {
                    dropped += (int)count;
                    continue;
                }

                int errno = count < 0 ? Marshal.GetLastPInvokeError() : 0;
                if (errno == PosixErrno.Interrupted)
                {
                    continue;
                }

                if (errno == PosixErrno.TryAgain || count == 0)
                {
                    // count == 0 with VMIN=0 means "nothing buffered"; a hang-up shows up as EIO or in the next Read.
                    break;
                }

                throw errno == PosixErrno.InputOutput ? HangUp() : ReadFailure(errno);
            }

            if (LibC.TcFlush(fileDescriptor, PosixConstants.FlushInput) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                throw errno == PosixErrno.InputOutput ? HangUp() : ReadFailure(errno);
            }

            return dropped;
        }
        catch (ModbusTransportException)
        {
            Close();
            throw;
        }
        finally
        {
            if (referenced)
            {
                descriptor.DangerousRelease();
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Close();

    public override string ToString() => Endpoint;

    /// <summary>Waits for <paramref name="requestedEvents"/>; returns the events seen, 0 on timeout. Retries on EINTR.</summary>
    private unsafe short Poll(int fileDescriptor, short requestedEvents, TimeSpan timeout)
    {
        long startTimestamp = Stopwatch.GetTimestamp();
        while (true)
        {
            var pollDescriptor = new PollDescriptor { FileDescriptor = fileDescriptor, RequestedEvents = requestedEvents };
            int ready;
            if (timeout == Timeout.InfiniteTimeSpan)
            {
                ready = LibC.PPoll(&pollDescriptor, 1, null, null);
            }
            else
            {
                TimeSpan remaining = timeout - Stopwatch.GetElapsedTime(startTimestamp);
                TimeSpec timeSpec = TimeSpec.FromTimeSpan(remaining);
                ready = LibC.PPoll(&pollDescriptor, 1, &timeSpec, null);
            }

            if (ready > 0)
            {
                return pollDescriptor.ReturnedEvents;
            }

            if (ready == 0)
            {
                return 0;
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno != PosixErrno.Interrupted)
            {
                throw new ModbusTransportException($"{PortName}: ppoll failed: {Marshal.GetPInvokeErrorMessage(errno)}");
            }
        }
    }

    /// <summary>
    /// flock keeps out every process that also locks (this transport, System.IO.Ports, pyserial with exclusive=True),
    /// root included; TIOCEXCL makes the kernel refuse any further open() by non-root processes (minicom, cat, …).
    /// </summary>
    private void LockExclusively(int fileDescriptor)
    {
        if (LibC.Flock(fileDescriptor, PosixConstants.LockExclusive | PosixConstants.LockNonBlocking) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new ModbusTransportException(errno == PosixErrno.TryAgain
                ? $"{PortName}: port is in use by another process"
                : PosixErrno.DescribeOpenFailure(PortName, errno));
        }

        if (LibC.IoctlNoArgument(fileDescriptor, PosixConstants.IoctlExclusive) != 0)
        {
            throw new ModbusTransportException(PosixErrno.DescribeOpenFailure(PortName, Marshal.GetLastPInvokeError()));
        }
    }

    private unsafe void ConfigureLine(int fileDescriptor)
    {
        Debug.Assert(sizeof(Termios) == Termios.NativeSize, "struct termios layout changed");
        Termios attributes;
        if (LibC.TcGetAttr(fileDescriptor, &attributes) != 0)
        {
            throw new ModbusTransportException(PosixErrno.DescribeOpenFailure(PortName, Marshal.GetLastPInvokeError()));
        }

        // Raw: no echo, no line editing, no CR/LF translation, no signals, 8 bits through untouched.
        LibC.CfMakeRaw(&attributes);

        // cfmakeraw leaves software flow control partly on (IXOFF, IXANY): 0x11/0x13 are ordinary data bytes here.
        // Input parity checking stays off: a character with a parity error is delivered as received and the
        // Modbus CRC rejects the frame, which reports the fault more clearly than a silently dropped byte.
        attributes.InputFlags &= ~(PosixConstants.InputXonXoffOutput | PosixConstants.InputXonXoffInput | PosixConstants.InputXonAny
            | PosixConstants.InputParityCheck | PosixConstants.InputStripEighthBit);

        // A pty has no character format (see PseudoTerminal): asking it for parity or 7 bits can only fail.
        bool pseudoTerminal = PseudoTerminal.IsPseudoTerminal(PortName);
        uint controlFlags = attributes.ControlFlags
            & ~(PosixConstants.ControlSizeMask | PosixConstants.ControlParityOn | PosixConstants.ControlParityOdd
                | PosixConstants.ControlTwoStopBits | PosixConstants.ControlRtsCts);
        controlFlags |= Settings.DataBits == 7 && !pseudoTerminal ? PosixConstants.ControlSize7 : PosixConstants.ControlSize8;
        controlFlags |= (pseudoTerminal ? SerialParity.None : Settings.Parity) switch
        {
            SerialParity.Even => PosixConstants.ControlParityOn,
            SerialParity.Odd => PosixConstants.ControlParityOn | PosixConstants.ControlParityOdd,
            _ => 0u,
        };
        if (Settings.StopBits == 2)
        {
            controlFlags |= PosixConstants.ControlTwoStopBits;
        }

        // CLOCAL: no modem-control lines on an RS-485 bus; CREAD: enable the receiver.
        attributes.ControlFlags = controlFlags | PosixConstants.ControlLocal | PosixConstants.ControlReceiverOn;

        // VMIN=0, VTIME=0: read() returns at once with what is there; all waiting happens in ppoll.
        attributes.ControlCharacters[PosixConstants.ControlCharacterMinimum] = 0;
        attributes.ControlCharacters[PosixConstants.ControlCharacterTime] = 0;

        if (!BaudRateCodes.TryGetCode(Settings.BaudRate, out uint speedCode))
        {
            throw new ModbusTransportException($"{PortName}: baud rate {Settings.BaudRate} is not supported");
        }

        if (LibC.CfSetInputSpeed(&attributes, speedCode) != 0 || LibC.CfSetOutputSpeed(&attributes, speedCode) != 0)
        {
            throw new ModbusTransportException($"{PortName}: baud rate {Settings.BaudRate} rejected by the C library");
        }

        if (LibC.TcSetAttr(fileDescriptor, PosixConstants.SetAttributesNow, &attributes) != 0)
        {
            // EINVAL: glibc saw the driver drop the requested parity or data bits and nothing else changed.
            int errno = Marshal.GetLastPInvokeError();
            throw new ModbusTransportException(errno == PosixErrno.InvalidArgument
                ? $"{PortName}: the driver does not support {Settings.LineDescription}"
                : $"{PortName}: cannot apply {Settings.LineDescription}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        // tcsetattr succeeds if *any* change applied; a driver that cannot do e.g. 2 stop bits or 7 data bits quietly
        // keeps its own value. Read back the character format so such a port fails loudly instead of garbling frames.
        Termios applied;
        if (LibC.TcGetAttr(fileDescriptor, &applied) != 0)
        {
            throw new ModbusTransportException(PosixErrno.DescribeOpenFailure(PortName, Marshal.GetLastPInvokeError()));
        }

        const uint formatMask = PosixConstants.ControlSizeMask | PosixConstants.ControlParityOn | PosixConstants.ControlParityOdd | PosixConstants.ControlTwoStopBits;
        if ((applied.ControlFlags & formatMask) != (attributes.ControlFlags & formatMask))
        {
            throw new ModbusTransportException($"{PortName}: the driver does not support {Settings.LineDescription}");
        }

        FlushBoth(fileDescriptor);
    }

    /// <summary>
    /// TIOCSRS485: the UART driver drives RTS as the transceiver's DE/RE around each transmission. The mode stays set
    /// after close (it belongs to the port, not to our descriptor), which is harmless: the next open sets it again.
    /// </summary>
    /// <remarks>
    /// Drivers without RS-485 support answer ENOTTY (ptys, USB adapters: ftdi_sio, ch341, cp210x) or EINVAL. A driver
    /// that supports only part of the request quietly reverts the rest and writes back what it applied, so that is
    /// compared with what was asked.
    /// </remarks>
    private unsafe void EnableKernelRs485(int fileDescriptor, KernelRs485Settings requested)
    {
        Debug.Assert(sizeof(SerialRs485) == SerialRs485.NativeSize, "struct serial_rs485 layout changed");
        var configuration = new SerialRs485
        {
            Flags = SerialRs485.Enabled | (requested.RtsOnSend ? SerialRs485.RtsOnSend : SerialRs485.RtsAfterSend),
            DelayRtsBeforeSend = (uint)requested.DelayBeforeSendMilliseconds,
            DelayRtsAfterSend = (uint)requested.DelayAfterSendMilliseconds,
        };
        uint wanted = configuration.Flags;
        if (LibC.IoctlSerialRs485(fileDescriptor, PosixConstants.IoctlSetRs485, &configuration) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new ModbusTransportException(errno is PosixErrno.NotATty or PosixErrno.InvalidArgument or PosixErrno.NotSupported
                ? $"{PortName}: the serial driver has no kernel RS-485 mode (TIOCSRS485: {Marshal.GetPInvokeErrorMessage(errno)}); "
                    + "use rs485.direction \"auto\" if the adapter or HAT switches direction by itself (USB adapters do), or \"gpio\" with the transceiver's DE/RE pin"
                : $"{PortName}: cannot set the kernel RS-485 mode: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }

        const uint flagMask = SerialRs485.Enabled | SerialRs485.RtsOnSend | SerialRs485.RtsAfterSend;
        if ((configuration.Flags & flagMask) != wanted
            || configuration.DelayRtsBeforeSend != (uint)requested.DelayBeforeSendMilliseconds
            || configuration.DelayRtsAfterSend != (uint)requested.DelayAfterSendMilliseconds)
        {
            throw new ModbusTransportException(
                $"{PortName}: the serial driver changed the kernel RS-485 settings: asked for {DescribeRs485(wanted, (uint)requested.DelayBeforeSendMilliseconds, (uint)requested.DelayAfterSendMilliseconds)}, "
                + $"applied {DescribeRs485(configuration.Flags & flagMask, configuration.DelayRtsBeforeSend, configuration.DelayRtsAfterSend)}; set rs485 to what the driver supports");
        }
    }

    private static string DescribeRs485(uint flags, uint delayBefore, uint delayAfter) =>
        (flags & SerialRs485.Enabled) == 0
            ? "RS-485 off"
            : $"RS-485 with RTS {((flags & SerialRs485.RtsOnSend) != 0 ? "high" : "low")} on send, delays {delayBefore} ms before and {delayAfter} ms after";

    /// <summary>Drops whatever a previous user or the device left in the buffers.</summary>
    private void FlushBoth(int fileDescriptor)
    {
        if (LibC.TcFlush(fileDescriptor, PosixConstants.FlushInputAndOutput) != 0)
        {
            throw new ModbusTransportException(PosixErrno.DescribeOpenFailure(PortName, Marshal.GetLastPInvokeError()));
        }
    }

    private FileDescriptorHandle RequireOpen() =>
        _descriptor ?? throw new ModbusTransportException($"{PortName}: port is not open");

    private ModbusTransportException HangUp() =>
        new($"{PortName}: port hung up (device unplugged or the other end closed)");

    private ModbusTransportException ReadFailure(int errno) =>
        new($"{PortName}: read failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");

    private ModbusTransportException WriteFailure(int errno) =>
        errno == PosixErrno.InputOutput
            ? HangUp()
            : new($"{PortName}: write failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
}
