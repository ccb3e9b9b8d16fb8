using System.Net;
using System.Net.Sockets;

namespace EdgeGateway.Interop.Tests.Peers;

/// <summary>Free loopback TCP ports for peers started by a test (brokers, pymodbus slaves).</summary>
public static class FreeTcpPort
{
    /// <summary>
    /// A port the kernel just handed out on 127.0.0.1 and that is free again. Another process could take it before
    /// the peer binds it; the kernel hands ports out in sequence, so that is rare enough for tests.
    /// </summary>
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
