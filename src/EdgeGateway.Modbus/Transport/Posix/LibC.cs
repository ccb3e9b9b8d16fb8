using System.Runtime.InteropServices;

namespace EdgeGateway.Modbus.Transport.Posix;

/// <summary>
/// The libc calls of the serial transport, source-generated (no runtime marshalling stubs, Native-AOT safe).
/// </summary>
/// <remarks>
/// "libc" resolves to libc.so.6 on glibc under both CoreCLR and Native AOT. Every pointer argument is blittable,
/// so the generated stubs only forward arguments and capture errno (SetLastError).
/// </remarks>
internal static unsafe partial class LibC
{
    private const string Library = "libc";

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fileDescriptor);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fileDescriptor, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fileDescriptor, byte* buffer, nuint count);

    /// <summary>ppoll, not poll: its timespec carries nanoseconds, poll's timeout only whole milliseconds.</summary>
    [LibraryImport(Library, EntryPoint = "ppoll", SetLastError = true)]
    public static partial int PPoll(PollDescriptor* descriptors, nuint count, TimeSpec* timeout, void* signalMask);

    /// <summary>ioctl without an argument (TIOCEXCL, TIOCNXCL). ioctl is variadic; integer-only calls are safe on our ABIs.</summary>
    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int IoctlNoArgument(int fileDescriptor, nuint request);

    /// <summary>ioctl with a <c>struct serial_rs485*</c> (TIOCSRS485, TIOCGRS485); a pointer passes like an integer on our ABIs.</summary>
    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int IoctlSerialRs485(int fileDescriptor, nuint request, SerialRs485* configuration);

    [LibraryImport(Library, EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fileDescriptor, int operation);

    [LibraryImport(Library, EntryPoint = "tcgetattr", SetLastError = true)]
    public static partial int TcGetAttr(int fileDescriptor, Termios* attributes);

    [LibraryImport(Library, EntryPoint = "tcsetattr", SetLastError = true)]
    public static partial int TcSetAttr(int fileDescriptor, int optionalActions, Termios* attributes);

    [LibraryImport(Library, EntryPoint = "cfmakeraw")]
    public static partial void CfMakeRaw(Termios* attributes);

    [LibraryImport(Library, EntryPoint = "cfsetispeed", SetLastError = true)]
    public static partial int CfSetInputSpeed(Termios* attributes, uint speedCode);

    [LibraryImport(Library, EntryPoint = "cfsetospeed", SetLastError = true)]
    public static partial int CfSetOutputSpeed(Termios* attributes, uint speedCode);

    [LibraryImport(Library, EntryPoint = "tcflush", SetLastError = true)]
    public static partial int TcFlush(int fileDescriptor, int queueSelector);

    [LibraryImport(Library, EntryPoint = "tcdrain", SetLastError = true)]
    public static partial int TcDrain(int fileDescriptor);
}
