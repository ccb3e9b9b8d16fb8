using EdgeGateway.Interop.Tests.Peers;

namespace EdgeGateway.Interop.Tests.Modbus;

/// <summary>One pymodbus RTU slave on a socat pty pair, shared by a test class; our master opens the other end.</summary>
public sealed class PymodbusRtuPeer : IDisposable
{
    private readonly Lock _gate = new();
    private SocatPtyPair? _line;
    private PymodbusSlave? _slave;

    /// <summary>The device path to give <c>--port</c>.</summary>
    public string Endpoint()
    {
        PeerRequirements.RequireSocat();
        PeerRequirements.RequirePymodbus();
        lock (_gate)
        {
            if (_slave is null)
            {
                _line = SocatPtyPair.Start();
                _slave = PymodbusSlave.StartRtu(_line.PathB, PymodbusLayout.Options(1, 3));
            }

            return _line!.PathA;
        }
    }

    public void Dispose()
    {
        _slave?.Dispose();
        _line?.Dispose();
    }
}
