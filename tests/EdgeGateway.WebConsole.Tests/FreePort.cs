using System.Net;
using System.Net.Sockets;

namespace EdgeGateway.WebConsole.Tests;

/// <summary>A loopback TCP port the kernel just handed out and that is free again (rarely taken before it is used).</summary>
internal static class FreePort
{
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
