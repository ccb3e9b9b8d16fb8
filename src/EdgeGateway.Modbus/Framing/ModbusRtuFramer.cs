using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.Modbus.Framing;

/// <summary>
/// Modbus RTU framing: slave address, PDU, CRC-16 low byte first. A frame's end is found from its expected
/// length (function code and byte count) and confirmed by the CRC; the master additionally watches the line's
/// t3.5 silence (see <see cref="RtuTiming"/>).
/// </summary>
public sealed class ModbusRtuFramer : IModbusFramer
{
    public const int MaxFrameLengthBytes = 256;

    public int MaxFrameLength => MaxFrameLengthBytes;

    public bool HasTransactionId => false;

    public int Encode(Span<byte> frame, byte unitId, ushort transactionId, ReadOnlySpan<byte> pdu)
    {
        frame[0] = unitId;
        pdu.CopyTo(frame[1..]);
        return ModbusCrc.Append(frame, 1 + pdu.Length);
    }

    public FrameResult DecodeResponse(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length < 2)
        {
            return FrameResult.Incomplete;
        }

        var function = buffer[1];
        int length;
        if ((function & 0x80) != 0)
        {
            if ((function & 0x7F) is 0 or > 0x2B)
            {
                return FrameResult.Garbage(1);
            }

            length = 5;
        }
        else
        {
            switch (function)
            {
                case 0x01:
                case 0x02:
                case 0x03:
                case 0x04:
                    if (buffer.Length < 3)
                    {
                        return FrameResult.Incomplete;
                    }

                    length = 3 + buffer[2] + 2;
                    break;
                case 0x05:
                case 0x06:
                case 0x08:
                case 0x0F:
                case 0x10:
                    length = 8;
                    break;
                default:
                    // Not a function we ask for: most likely noise or another master's traffic.
                    return FrameResult.Garbage(1);
            }
        }

        return Check(buffer, length);
    }

    public FrameResult DecodeRequest(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length < 2)
        {
            return FrameResult.Incomplete;
        }

        int length;
        switch (buffer[1])
        {
            case 0x01:
            case 0x02:
            case 0x03:
            case 0x04:
            case 0x05:
            case 0x06:
            case 0x08:
                length = 8;
                break;
            case 0x0F:
            case 0x10:
                if (buffer.Length < 7)
                {
                    return FrameResult.Incomplete;
                }

                length = 7 + buffer[6] + 2;
                break;
            default:
                // A function we do not implement: the frame ends where the line goes quiet; the slave then
                // answers "illegal function" if the CRC over the whole burst is right.
                return new FrameResult(FrameStatus.UnknownLength, buffer.Length, buffer[0], 0, 1, buffer.Length - 3);
        }

        return Check(buffer, length);
    }

    private static FrameResult Check(ReadOnlySpan<byte> buffer, int length)
    {
        if (length > MaxFrameLengthBytes)
        {
            return FrameResult.Garbage(1);
        }

        if (buffer.Length < length)
        {
            return FrameResult.Incomplete;
        }

        var status = ModbusCrc.IsValid(buffer[..length]) ? FrameStatus.Complete : FrameStatus.CrcError;
        return new FrameResult(status, length, buffer[0], 0, 1, length - 3);
    }
}
