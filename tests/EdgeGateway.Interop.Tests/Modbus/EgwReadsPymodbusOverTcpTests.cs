namespace EdgeGateway.Interop.Tests.Modbus;

public sealed class EgwReadsPymodbusOverTcpTests(PymodbusTcpPeer peer) : EgwReadsPymodbusTests, IClassFixture<PymodbusTcpPeer>
{
    protected override string Port => peer.Endpoint();
}
