namespace EdgeGateway.Configuration;

/// <summary>One problem in the site configuration.</summary>
/// <param name="Key">Where: the key path as written in gateway.json, e.g. <c>buses[0].devices[1].profile</c>.</param>
/// <param name="Message">What is wrong, and what would be right.</param>
/// <param name="Source">Which file (or environment variable) the value came from.</param>
internal sealed record ConfigError(string Key, string Message, string Source)
{
    public override string ToString() => $"{Source}: {Key}: {Message}";
}
