using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.DataFlow.Tests.Uplink.Platforms;

/// <summary>A frame the fake platform received: the packet and its data segment as sent (RF is not in the packet model).</summary>
internal sealed record ReceivedFrame(Hj212Packet Packet, string Segment, byte[] Bytes)
{
    public string Cn => Packet.Cn;

    public bool IsResent => Segment.Contains(";RF=1;", StringComparison.Ordinal);

    public string? DataTime => Packet.Cp.GetValue(Hj212FieldNames.DataTime);
}
