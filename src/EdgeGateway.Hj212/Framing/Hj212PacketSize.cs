namespace EdgeGateway.Hj212.Framing;

/// <summary>What a packet measures on the wire, in UTF-8 bytes.</summary>
/// <param name="DataSegmentBytes">The data segment, i.e. the value of the 4-digit length field.</param>
/// <param name="CpBytes">The <c>CP=&amp;&amp;…&amp;&amp;</c> field within it.</param>
public readonly record struct Hj212PacketSize(int DataSegmentBytes, int CpBytes)
{
    /// <summary>The whole frame: <c>##</c>, length, data segment, CRC and CRLF.</summary>
    public int FrameBytes => DataSegmentBytes + Hj212Limits.FrameOverheadBytes;

    /// <summary>True when a sender may write the packet as it is (data segment ≤ 1024, CP ≤ 950).</summary>
    public bool IsWithinSendLimits =>
        DataSegmentBytes <= Hj212Limits.MaxDataSegmentBytes && CpBytes <= Hj212Limits.MaxCpBytes;
}
