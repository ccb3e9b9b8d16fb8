using System.Runtime.InteropServices;

namespace EdgeGateway.Modbus.Transport.Posix;

/// <summary>
/// The kernel's <c>struct serial_rs485</c> (include/uapi/linux/serial.h): three u32, then 20 bytes of padding or
/// addressing fields. gcc on Debian 12 x86_64 with linux-libc-dev 6.1: size 32, flags at 0, delay_rts_before_send at 4,
/// delay_rts_after_send at 8. Only u32 fields, so the layout is the same on arm64 and armhf.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SerialRs485
{
    public const int NativeSize = 32;

    // Flags (same header).
    public const uint Enabled = 1 << 0;             // SER_RS485_ENABLED
    public const uint RtsOnSend = 1 << 1;           // SER_RS485_RTS_ON_SEND
    public const uint RtsAfterSend = 1 << 2;        // SER_RS485_RTS_AFTER_SEND

    public uint Flags;
    public uint DelayRtsBeforeSend;                 // milliseconds
    public uint DelayRtsAfterSend;                  // milliseconds
    public fixed uint Padding[5];
}
