namespace EdgeGateway.Modbus.Framing;

/// <summary>
/// Wraps PDUs into frames and finds frames in received bytes, for one framing (RTU, TCP/MBAP). Pure functions
/// over spans: a framer never touches a transport.
/// </summary>
public interface IModbusFramer
{
    /// <summary>The longest frame this framing produces.</summary>
    int MaxFrameLength { get; }

    /// <summary>True when frames carry a transaction identifier that matches answers to requests (MBAP).</summary>
    bool HasTransactionId { get; }

    /// <summary>Writes a frame around <paramref name="pdu"/>; returns the frame length.</summary>
    int Encode(Span<byte> frame, byte unitId, ushort transactionId, ReadOnlySpan<byte> pdu);

    /// <summary>Looks for a response frame (master side) at the start of <paramref name="buffer"/>.</summary>
    FrameResult DecodeResponse(ReadOnlySpan<byte> buffer);

    /// <summary>Looks for a request frame (slave side) at the start of <paramref name="buffer"/>.</summary>
    FrameResult DecodeRequest(ReadOnlySpan<byte> buffer);
}
