using System.Net.NetworkInformation;

namespace EdgeGateway.Service.Tests.Platforms;

/// <summary>A network interface of a given type and MAC (hex digits, empty for none).</summary>
internal sealed class FakeNetworkInterface(NetworkInterfaceType type, string mac) : NetworkInterface
{
    public override NetworkInterfaceType NetworkInterfaceType => type;

    public override PhysicalAddress GetPhysicalAddress() => PhysicalAddress.Parse(mac);
}
