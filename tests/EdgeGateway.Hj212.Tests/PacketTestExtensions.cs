using EdgeGateway.Hj212.Packets;

namespace EdgeGateway.Hj212.Tests;

internal static class PacketTestExtensions
{
    /// <summary>The factor codes with their values, to compare factor sets independently of grouping.</summary>
    public static IReadOnlyList<string> GetFactorCodesForTest(this Hj212Packet packet) =>
        packet.Cp.Items.Where(item => Hj212FieldNames.IsFactorField(item.Name)).Select(item => item.ToString()).Order(StringComparer.Ordinal).ToArray();
}
