using System.Runtime.InteropServices;

namespace EdgeGateway.Modbus.Transport.Posix;

/// <summary><c>struct pollfd</c>: 8 bytes on every Linux ABI.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollDescriptor
{
    public int FileDescriptor;
    public short RequestedEvents;
    public short ReturnedEvents;
}
