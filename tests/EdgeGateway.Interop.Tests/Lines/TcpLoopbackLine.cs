using System.Net;
using System.Net.Sockets;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Interop.Tests.Lines;

/// <summary>A real TCP connection on loopback: our client transport at one end, an accepted socket at the other.</summary>
internal static class TcpLoopbackLine
{
    public static (IModbusTransport Master, IModbusTransport Slave) Create()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var master = new TcpTransport("127.0.0.1", port);
        master.Open();
        var slave = TcpTransport.FromAccepted(listener.AcceptSocket());
        return (master, slave);
    }
}
