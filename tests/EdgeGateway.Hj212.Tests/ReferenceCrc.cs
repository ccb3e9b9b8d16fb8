namespace EdgeGateway.Hj212.Tests;

/// <summary>Bit-by-bit CRCs written straight from their definitions, to check the library's table against.</summary>
internal static class ReferenceCrc
{
    /// <summary>HJ 212-2017 Appendix A, literally: shift the register right by 8, then XOR the byte in.</summary>
    public static ushort Hj212(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFF;
        foreach (var b in data)
        {
            crc = (crc >> 8) ^ b;
            for (var i = 0; i < 8; i++)
            {
                var lsb = crc & 1;
                crc >>= 1;
                if (lsb != 0)
                {
                    crc ^= 0xA001;
                }
            }
        }

        return (ushort)crc;
    }

    /// <summary>CRC-16/MODBUS: XOR the byte into the register without shifting first.</summary>
    public static ushort Modbus(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                var lsb = crc & 1;
                crc >>= 1;
                if (lsb != 0)
                {
                    crc ^= 0xA001;
                }
            }
        }

        return (ushort)crc;
    }
}
