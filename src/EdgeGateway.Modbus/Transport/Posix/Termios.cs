using System.Runtime.InteropServices;

namespace EdgeGateway.Modbus.Transport.Posix;

/// <summary>
/// glibc's <c>struct termios</c> as tcgetattr/tcsetattr see it (not the kernel's smaller struct).
/// </summary>
/// <remarks>
/// Layout checked with gcc on Debian 12 x86_64 (glibc 2.36): <c>sizeof(struct termios) == 60</c>,
/// offsets c_iflag 0, c_oflag 4, c_cflag 8, c_lflag 12, c_line 16, c_cc 17 (NCCS = 32), c_ispeed 52, c_ospeed 56.
/// glibc uses the same generic layout on arm64 and armhf (tcflag_t and speed_t are 32-bit everywhere).
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct Termios
{
    /// <summary>Number of control characters in glibc's c_cc (NCCS).</summary>
    public const int ControlCharacterCount = 32;

    /// <summary>The native size; the constructor of the transport asserts it so a layout change fails loudly.</summary>
    public const int NativeSize = 60;

    public uint InputFlags;
    public uint OutputFlags;
    public uint ControlFlags;
    public uint LocalFlags;
    public byte LineDiscipline;
    public fixed byte ControlCharacters[ControlCharacterCount];
    public uint InputSpeed;
    public uint OutputSpeed;
}
