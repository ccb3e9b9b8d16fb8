namespace EdgeGateway.Modbus.Transport.Posix;

/// <summary>
/// Linux constants used by the serial transport, printed from the C headers with gcc on Debian 12 x86_64.
/// </summary>
/// <remarks>
/// All of these come from asm-generic or from glibc's generic termios bits, which x86_64, arm64 and armhf share
/// (they differ on alpha, mips, powerpc and sparc, which we do not ship to).
/// </remarks>
internal static class PosixConstants
{
    // open(2) flags (octal in the headers).
    public const int OpenReadWrite = 0x2;           // O_RDWR      02
    public const int OpenNoControllingTty = 0x100;  // O_NOCTTY    0400
    public const int OpenNonBlocking = 0x800;       // O_NONBLOCK  04000
    public const int OpenCloseOnExec = 0x80000;     // O_CLOEXEC   02000000

    // ioctl requests.
    public const uint IoctlExclusive = 0x540C;      // TIOCEXCL: further open(2)s of the tty fail with EBUSY (root excepted)
    public const uint IoctlNotExclusive = 0x540D;   // TIOCNXCL
    public const uint IoctlSetRs485 = 0x542F;       // TIOCSRS485 (asm-generic/ioctls.h, linux-libc-dev 6.1); the driver writes back what it applied

    // flock(2).
    public const int LockExclusive = 2;             // LOCK_EX
    public const int LockNonBlocking = 4;           // LOCK_NB

    // tcsetattr / tcflush selectors.
    public const int SetAttributesNow = 0;          // TCSANOW
    public const int FlushInput = 0;                // TCIFLUSH
    public const int FlushInputAndOutput = 2;       // TCIOFLUSH

    // c_iflag.
    public const uint InputParityCheck = 0x10;      // INPCK   020
    public const uint InputStripEighthBit = 0x20;   // ISTRIP  040
    public const uint InputXonXoffOutput = 0x400;   // IXON    02000
    public const uint InputXonAny = 0x800;          // IXANY   04000
    public const uint InputXonXoffInput = 0x1000;   // IXOFF   010000

    // c_cflag.
    public const uint ControlSizeMask = 0x30;       // CSIZE   060
    public const uint ControlSize7 = 0x20;          // CS7     040
    public const uint ControlSize8 = 0x30;          // CS8     060
    public const uint ControlTwoStopBits = 0x40;    // CSTOPB  0100
    public const uint ControlReceiverOn = 0x80;     // CREAD   0200
    public const uint ControlParityOn = 0x100;      // PARENB  0400
    public const uint ControlParityOdd = 0x200;     // PARODD  01000
    public const uint ControlLocal = 0x800;         // CLOCAL  04000: ignore modem lines (no DCD on RS-485)
    public const uint ControlRtsCts = 0x80000000;   // CRTSCTS 020000000000

    // c_cc indices.
    public const int ControlCharacterTime = 5;      // VTIME
    public const int ControlCharacterMinimum = 6;   // VMIN

    // poll(2) events.
    public const short PollIn = 0x1;
    public const short PollOut = 0x4;
    public const short PollError = 0x8;
    public const short PollHangUp = 0x10;
    public const short PollInvalid = 0x20;
}
