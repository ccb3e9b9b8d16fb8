using System.Text;

namespace EdgeGateway.Hj212.Packets;

/// <summary>
/// 1014 from the host (HJ 212-2025, [CY] C8): a new SM4 key for this platform; answer 9011 then 9012. The packet may
/// itself arrive encrypted with the old key (1014 is on the encryption list), so decrypt before decoding.
/// </summary>
/// <param name="Packet">The request as received.</param>
/// <param name="KeyCreateTime"><c>SKCreateTime</c>: when the host made the key, site-local as sent.</param>
/// <param name="NewKey"><c>NewSK</c>: 16 printable ASCII characters; their bytes are the key.</param>
public sealed record Hj212SetKeyRequest(Hj212Packet Packet, DateTime KeyCreateTime, string NewKey) : Hj212HostRequest(Packet)
{
    /// <summary>The 16 key bytes (<c>NewSK</c>'s ASCII; App. A.2's test key <c>0000000000000000</c> is 16 × 0x30).</summary>
    public byte[] KeyBytes => Encoding.ASCII.GetBytes(NewKey);
}
