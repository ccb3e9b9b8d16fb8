using System.Buffers.Binary;

namespace EdgeGateway.Modbus.Framing;

/// <summary>
/// Modbus TCP framing: the 7-byte MBAP header (transaction id, protocol id 0, length, unit id) before the PDU.
/// TCP guarantees integrity, so there is no CRC; the transaction id matches answers to requests.
/// </summary>
public sealed class ModbusTcpFramer : IModbusFramer
{
    public const int HeaderLength = 7;

    public int MaxFrameLength => HeaderLength + 253;

    public bool HasTransactionId => true;

    public int Encode(Span<byte> frame, byte unitId, ushort transactionId, ReadOnlySpan<byte> pdu)
    {
        BinaryPrimitives.WriteUInt16BigEndian(frame, transactionId);
        BinaryPrimitives.WriteUInt16BigEndian(frame[2..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(frame[4..], (ushort)(pdu.Length + 1));
        frame[6] = unitId;
        pdu.CopyTo(frame[HeaderLength..]);
        return HeaderLength + pdu.Length;
    }

    public FrameResult DecodeResponse(ReadOnlySpan<byte> buffer) => Decode(buffer);

    public FrameResult DecodeRequest(ReadOnlySpan<byte> buffer) => Decode(buffer);

    private static FrameResult Decode(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length < HeaderLength)
        {
            return FrameResult.Incomplete;
        }

        var protocol = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
        var length = BinaryPrimitives.ReadUInt16BigEndian(buffer[4..]);
        if (protocol != 0 || length < 2 || length > 254)
        {
            // The stream is out of step; nothing after this can be trusted until the connection is renewed.
            return FrameResult.Garbage(buffer.Length);
        }

        var total = 6 + length;
        if (buffer.Length < total)
        {
            return FrameResult.Incomplete;
        }

        return new FrameResult(FrameStatus.Complete, total, buffer[6], BinaryPrimitives.ReadUInt16BigEndian(buffer), HeaderLength, length - 1);
    }
}
