namespace EdgeGateway.Modbus.Framing;

/// <summary>A framer's verdict on the start of a receive buffer, with where the PDU lies.</summary>
/// <param name="Status">What was found.</param>
/// <param name="Length">Bytes of the whole frame (or, for <see cref="FrameStatus.Garbage"/>, bytes to skip).</param>
/// <param name="UnitId">The slave address or MBAP unit identifier.</param>
/// <param name="TransactionId">The MBAP transaction identifier; 0 for RTU.</param>
/// <param name="PduOffset">Where the PDU starts in the frame.</param>
/// <param name="PduLength">The PDU's length.</param>
public readonly record struct FrameResult(FrameStatus Status, int Length, byte UnitId, ushort TransactionId, int PduOffset, int PduLength)
{
    public static FrameResult Incomplete => new(FrameStatus.Incomplete, 0, 0, 0, 0, 0);

    public static FrameResult Garbage(int skip) => new(FrameStatus.Garbage, skip, 0, 0, 0, 0);
}
