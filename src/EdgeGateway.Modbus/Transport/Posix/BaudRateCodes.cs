namespace EdgeGateway.Modbus.Transport.Posix;

/// <summary>
/// The glibc <c>B*</c> speed codes that cfsetispeed/cfsetospeed take (octal in termios.h; not the rate itself).
/// </summary>
/// <remarks>
/// Values from glibc 2.36 headers (the generic ones x86_64, arm64 and armhf share); Debian 12/13 and Raspberry Pi OS
/// Bookworm/Trixie (glibc 2.36/2.41) use them. glibc 2.42 reworked termios speeds ("arbitrary and split speeds") and
/// a P/Invoke by name binds the newest symbol version: recheck this table before shipping on glibc 2.42 or newer.
/// </remarks>
internal static class BaudRateCodes
{
    public static bool TryGetCode(int baudRate, out uint code)
    {
        code = baudRate switch
        {
            1200 => 0x9,        // B1200   0000011
            2400 => 0xB,        // B2400   0000013
            4800 => 0xC,        // B4800   0000014
            9600 => 0xD,        // B9600   0000015
            19200 => 0xE,       // B19200  0000016
            38400 => 0xF,       // B38400  0000017
            57600 => 0x1001,    // B57600  0010001
            115200 => 0x1002,   // B115200 0010002
            230400 => 0x1003,   // B230400 0010003
            _ => 0,
        };
        return code != 0;
    }
}
