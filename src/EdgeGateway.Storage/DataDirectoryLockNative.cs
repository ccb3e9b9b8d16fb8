using System.Runtime.InteropServices;

namespace EdgeGateway.Storage;

/// <summary>
/// The libc calls of <see cref="DataDirectoryLock"/>, on a raw descriptor: .NET's FileStream takes flock locks of its
/// own (FileShare), which would keep the second instance from even reading the first one's PID.
/// </summary>
internal static unsafe partial class DataDirectoryLockNative
{
    public const int ReadWrite = 0x2;
    public const int Create = 0x40;
    public const int CloseOnExec = 0x80000;
    public const int LockExclusive = 2;
    public const int LockNonBlocking = 4;
    public const int WouldBlock = 11;

    private const string Library = "libc";

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, int mode);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fileDescriptor);

    [LibraryImport(Library, EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fileDescriptor, int operation);

    [LibraryImport(Library, EntryPoint = "pread", SetLastError = true)]
    public static partial nint PRead(int fileDescriptor, byte* buffer, nuint count, long offset);

    [LibraryImport(Library, EntryPoint = "pwrite", SetLastError = true)]
    public static partial nint PWrite(int fileDescriptor, byte* buffer, nuint count, long offset);

    [LibraryImport(Library, EntryPoint = "ftruncate", SetLastError = true)]
    public static partial int FTruncate(int fileDescriptor, long length);
}
