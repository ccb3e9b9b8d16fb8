using System.Diagnostics.CodeAnalysis;

namespace EdgeGateway.Modbus.Client;

/// <summary>
/// Where a bus is: a serial device path (<c>/dev/ttyUSB0</c>), <c>tcp://host:502</c> or <c>rtu+tcp://host:4001</c>.
/// </summary>
public sealed record ModbusEndpoint(ModbusEndpointKind Kind, string Address, int Port)
{
    public const int DefaultTcpPort = 502;

    /// <summary>Parses an endpoint; the error says what was expected.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ModbusEndpoint? endpoint, [NotNullWhen(false)] out string? error)
    {
        endpoint = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the port is empty: give a serial device such as /dev/ttyUSB0, or tcp://host:502, or rtu+tcp://host:4001";
            return false;
        }

        text = text.Trim();
        if (text.StartsWith("serial:", StringComparison.OrdinalIgnoreCase))
        {
            text = text["serial:".Length..];
            if (text.StartsWith("//", StringComparison.Ordinal))
            {
                text = text[2..];
            }
        }

        if (text.StartsWith('/'))
        {
            endpoint = new ModbusEndpoint(ModbusEndpointKind.Serial, text, 0);
            error = null;
            return true;
        }

        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        var kind = schemeEnd < 0 ? (ModbusEndpointKind?)null : text[..schemeEnd].ToLowerInvariant() switch
        {
            "tcp" or "modbus+tcp" => ModbusEndpointKind.Tcp,
            "rtu+tcp" or "rtu-over-tcp" => ModbusEndpointKind.RtuOverTcp,
            _ => null,
        };
        if (kind is null)
        {
            error = $"'{text}' is not a serial device path (/dev/...) nor a tcp:// or rtu+tcp:// URL";
            return false;
        }

        // Give the URL parser a scheme it knows so that host, IPv6 brackets and port are parsed for us.
        if (!Uri.TryCreate("tcp://" + text[(schemeEnd + 3)..], UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host) || uri.AbsolutePath is not ("/" or ""))
        {
            error = $"'{text}' is not a valid URL; expected {text[..schemeEnd]}://host:port";
            return false;
        }

        var port = uri.IsDefaultPort || uri.Port < 0 ? DefaultTcpPort : uri.Port;
        endpoint = new ModbusEndpoint(kind.Value, uri.Host.Trim('[', ']'), port);
        error = null;
        return true;
    }

    public static ModbusEndpoint Parse(string text) =>
        TryParse(text, out var endpoint, out var error) ? endpoint : throw new FormatException(error);

    public bool UsesRtuFraming => Kind != ModbusEndpointKind.Tcp;

    public override string ToString() => Kind switch
    {
        ModbusEndpointKind.Serial => Address,
        ModbusEndpointKind.Tcp => $"tcp://{HostForUrl}:{Port}",
        _ => $"rtu+tcp://{HostForUrl}:{Port}",
    };

    private string HostForUrl => Address.Contains(':', StringComparison.Ordinal) ? $"[{Address}]" : Address;
}
