namespace EdgeGateway.Uplink.Mqtt;

/// <summary>Where the link connects: host, port and whether over TLS.</summary>
public sealed record MqttBrokerEndpoint(string Host, int Port, bool UseTls)
{
    /// <summary>The endpoint <paramref name="options"/> describe; they must have passed <see cref="MqttLinkOptionsValidator"/>.</summary>
    public static MqttBrokerEndpoint From(MqttLinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.BrokerUrl is not null)
        {
            return TryParseUrl(options.BrokerUrl, out MqttBrokerEndpoint? endpoint, out string? error)
                ? endpoint
                : throw new InvalidMqttLinkOptionsException([new MqttLinkOptionProblem(nameof(MqttLinkOptions.BrokerUrl), error)]);
        }

        if (string.IsNullOrWhiteSpace(options.Host))
        {
            throw new InvalidMqttLinkOptionsException([new MqttLinkOptionProblem(nameof(MqttLinkOptions.Host), "no broker given")]);
        }

        return new MqttBrokerEndpoint(options.Host, options.Port ?? (options.UseTls ? MqttLinkOptions.DefaultTlsPort : MqttLinkOptions.DefaultPort), options.UseTls);
    }

    /// <summary>Parses <c>mqtt://host[:port]</c> or <c>mqtts://host[:port]</c>; IPv6 addresses go in brackets.</summary>
    public static bool TryParseUrl(string url, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MqttBrokerEndpoint? endpoint, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(url);
        endpoint = null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri))
        {
            error = $"'{url}' is not a URL; expected mqtt://host[:port] or mqtts://host[:port]";
            return false;
        }

        bool tls;
        switch (uri.Scheme)
        {
            case "mqtt":
                tls = false;
                break;
            case "mqtts":
                tls = true;
                break;
            default:
                error = $"'{url}' has scheme '{uri.Scheme}'; expected mqtt:// (plain) or mqtts:// (TLS)";
                return false;
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            error = $"'{url}' names no host";
            return false;
        }

        if (uri.UserInfo.Length > 0)
        {
            error = $"'{url}' carries credentials; set Username and PasswordFile instead";
            return false;
        }

        if (uri.AbsolutePath is not ("/" or "") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            error = $"'{url}' has a path, query or fragment; expected only mqtt[s]://host[:port]";
            return false;
        }

        // Uri reports -1 for schemes it has no default port for, which is both of ours.
        int port = uri.Port > 0 ? uri.Port : tls ? MqttLinkOptions.DefaultTlsPort : MqttLinkOptions.DefaultPort;
        endpoint = new MqttBrokerEndpoint(uri.IdnHost.Trim('[', ']'), port, tls);
        error = null;
        return true;
    }

    public override string ToString() => $"{(UseTls ? "mqtts" : "mqtt")}://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}";
}
