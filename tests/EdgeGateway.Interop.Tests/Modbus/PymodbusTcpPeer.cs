using EdgeGateway.Interop.Tests.Peers;

namespace EdgeGateway.Interop.Tests.Modbus;

/// <summary>One pymodbus Modbus TCP slave shared by a test class; started by the first test that asks, so a missing peer skips that test.</summary>
public sealed class PymodbusTcpPeer : IDisposable
{
    private readonly Lock _gate = new();
    private PymodbusSlave? _slave;

    /// <summary>The endpoint to give <c>--port</c>.</summary>
    public string Endpoint()
    {
        PeerRequirements.RequirePymodbus();
        lock (_gate)
        {
            _slave ??= PymodbusSlave.StartTcp(FreeTcpPort.Next(), PymodbusLayout.Options(1, 3));
            return $"tcp://127.0.0.1:{_slave.TcpPort}";
        }
    }

    public void Dispose() => _slave?.Dispose();
}
