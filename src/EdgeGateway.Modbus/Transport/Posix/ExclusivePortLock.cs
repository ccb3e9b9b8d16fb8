using System.Runtime.InteropServices;

namespace EdgeGateway.Modbus.Transport.Posix;

/// <summary>
/// An flock(2) on a serial device held through a descriptor of our own, for code that cannot reach the descriptor
/// of the port it uses (System.IO.Ports hides its handle).
/// </summary>
/// <remarks>
/// System.IO.Ports 11 only sets TIOCEXCL, which does not stop root (verified: a second SerialPort on the same pty
/// opened fine as root). Taking this lock first refuses a second user of the port for any uid, and it is the same
/// lock <see cref="PosixSerialTransport"/> takes, so the two transports also exclude each other.
/// </remarks>
internal sealed class ExclusivePortLock : IDisposable
{
    private readonly FileDescriptorHandle _descriptor;

    private ExclusivePortLock(FileDescriptorHandle descriptor)
    {
        _descriptor = descriptor;
    }

    /// <exception cref="ModbusTransportException">The port is absent, not accessible, or locked by another process.</exception>
    public static ExclusivePortLock Acquire(string portName)
    {
        // O_RDONLY (0): the descriptor only carries the lock. O_NONBLOCK: never wait for carrier detect on open.
        int fileDescriptor = LibC.Open(
            portName,
            PosixConstants.OpenNoControllingTty | PosixConstants.OpenNonBlocking | PosixConstants.OpenCloseOnExec);
        if (fileDescriptor < 0)
        {
            throw new ModbusTransportException(PosixErrno.DescribeOpenFailure(portName, Marshal.GetLastPInvokeError()));
        }

        var descriptor = new FileDescriptorHandle(fileDescriptor);
        if (LibC.Flock(fileDescriptor, PosixConstants.LockExclusive | PosixConstants.LockNonBlocking) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            descriptor.Dispose();
            throw new ModbusTransportException(errno == PosixErrno.TryAgain
                ? $"{portName}: port is in use by another process"
                : PosixErrno.DescribeOpenFailure(portName, errno));
        }

        return new ExclusivePortLock(descriptor);
    }

    public void Dispose() => _descriptor.Dispose();
}
