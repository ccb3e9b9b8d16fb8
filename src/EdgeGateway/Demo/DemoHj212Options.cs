using System.Globalization;
using EdgeGateway.Hj212.Codes;

namespace EdgeGateway.Demo;

/// <summary>
/// Where the demo reports as an HJ 212 data logger: an embedded platform simulator (no <see cref="Address"/>), or the
/// external platform given with <c>--hj212 tcp://host:port</c>; in the edition of <c>--hj212-edition</c>.
/// </summary>
internal sealed record DemoHj212Options
{
    /// <summary>The external platform as tcp://host:port, as given; null for the embedded platform simulator.</summary>
    public string? Address { get; init; }

    public Hj212Edition Edition { get; init; } = Hj212Edition.Edition2017;

    /// <summary>Checks <c>--hj212</c> and <c>--hj212-edition</c>; an error names the option.</summary>
    public static bool TryParse(string? address, string? edition, out DemoHj212Options options, out string? error)
    {
        options = new DemoHj212Options();
        error = null;
        var parsedEdition = Hj212Edition.Edition2017;
        switch (edition)
        {
            case null or "2017":
                break;
            case "2025":
                parsedEdition = Hj212Edition.Edition2025;
                break;
            default:
                error = $"--hj212-edition '{edition}' is not 2017 or 2025";
                return false;
        }

        if (address is null)
        {
            options = new DemoHj212Options { Edition = parsedEdition };
            return true;
        }

        // As platforms[].address: the standard names no port, so it is required.
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != "tcp" || string.IsNullOrEmpty(uri.Host)
            || uri.AbsolutePath is not ("" or "/") || uri.Query.Length > 0 || !string.IsNullOrEmpty(uri.UserInfo))
        {
            error = $"--hj212 '{address}' is not tcp://host:port";
            return false;
        }

        if (uri.IsDefaultPort || uri.Port is < 1 or > 65535 || !address.Contains(":" + uri.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            error = $"--hj212 '{address}' has no port: HJ 212 names none, the platform's operator gives it (tcp://host:port)";
            return false;
        }

        options = new DemoHj212Options { Address = address, Edition = parsedEdition };
        return true;
    }
}
