using System.Runtime.InteropServices;

namespace EdgeGateway.Modbus.Transport.Posix;

/// <summary>
/// Owns a file descriptor: closes it exactly once, even if the owner forgets to dispose, and never while a call that
/// took a reference (DangerousAddRef) is still inside ppoll/read/write, so a number reused by a later open() is never hit.
/// </summary>
internal sealed class FileDescriptorHandle : SafeHandle
{
    public FileDescriptorHandle(int fileDescriptor)
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
        SetHandle(fileDescriptor);
    }

    public override bool IsInvalid => handle < 0;

    protected override bool ReleaseHandle() => LibC.Close((int)handle) == 0;
}
