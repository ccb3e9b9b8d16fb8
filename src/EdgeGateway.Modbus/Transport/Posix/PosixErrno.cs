using System.Runtime.InteropServices;

namespace EdgeGateway.Modbus.Transport.Posix;

/// <summary>The errno values the serial transport tells apart (asm-generic, same on x86_64, arm64, armhf).</summary>
internal static class PosixErrno
{
    public const int NotPermitted = 1;          // EPERM
    public const int NoSuchFile = 2;            // ENOENT
    public const int Interrupted = 4;           // EINTR
    public const int InputOutput = 5;           // EIO: the usual answer of a tty whose device is gone
    public const int NoSuchDevice = 6;          // ENXIO
    public const int TryAgain = 11;             // EAGAIN == EWOULDBLOCK
    public const int AccessDenied = 13;         // EACCES
    public const int Busy = 16;                 // EBUSY: TIOCEXCL held by another process
    public const int NoSuchDeviceType = 19;     // ENODEV
    public const int NotADirectory = 20;        // ENOTDIR
    public const int IsADirectory = 21;         // EISDIR
    public const int InvalidArgument = 22;      // EINVAL
    public const int NotATty = 25;              // ENOTTY
    public const int TooManySymlinks = 40;      // ELOOP
    public const int NotSupported = 95;         // EOPNOTSUPP (x86_64, arm64, armhf)

    /// <summary>
    /// What a failure to open or configure <paramref name="portName"/> means, in words a technician acts on.
    /// </summary>
    public static string DescribeOpenFailure(string portName, int errno) => errno switch
    {
        NoSuchFile or NotADirectory => $"{portName}: no such serial port",
        AccessDenied or NotPermitted => $"{portName}: permission denied (is the user in the 'dialout' group?)",
        Busy or TryAgain => $"{portName}: port is in use by another process",
        NoSuchDevice or NoSuchDeviceType or InputOutput => $"{portName}: device not present (unplugged?)",
        NotATty or IsADirectory => $"{portName}: not a serial port",
        _ => $"{portName}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})",
    };
}
