using System.Globalization;
using System.Net;

namespace EdgeGateway.Control.Contract.Console;

/// <summary>The console's <c>listen</c> value, <c>IP:PORT</c> (<c>[::1]:8480</c> for IPv6), parsed.</summary>
public static class ConsoleListenAddress
{
    public const string Hint = "IP:PORT, e.g. 127.0.0.1:8480 or [::1]:8480 (0.0.0.0:8443 for every address)";

    public static bool TryParse(string? text, out IPEndPoint endPoint)
    {
        endPoint = new IPEndPoint(IPAddress.Loopback, 0);
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var colon = trimmed.LastIndexOf(':');
        if (colon <= 0 || colon == trimmed.Length - 1)
        {
            return false;
        }

        var host = trimmed[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            // An IPv6 address needs its brackets, else its last group would be read as the port.
            return false;
        }

        if (!int.TryParse(trimmed[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return false;
        }

        IPAddress? address = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : null;
        if (address is null && !IPAddress.TryParse(host, out address))
        {
            return false;
        }

        endPoint = new IPEndPoint(address, port);
        return true;
    }

    /// <summary>Whether only this machine can connect (127.0.0.0/8, ::1); 0.0.0.0 and :: are every address, not loopback.</summary>
    public static bool IsLoopback(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        return IPAddress.IsLoopback(endPoint.Address);
    }
}
