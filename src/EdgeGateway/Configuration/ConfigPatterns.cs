using System.Text.RegularExpressions;

namespace EdgeGateway.Configuration;

/// <summary>The shapes of gateway.json's names and codes, shared by the section resolvers.</summary>
internal static partial class ConfigPatterns
{
    /// <summary>An MQTT topic level.</summary>
    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    public static partial Regex GatewayId();

    /// <summary>A bus's or the cabinet climate device's name.</summary>
    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    public static partial Regex Name();

    /// <summary>The first part of a channel key.</summary>
    [GeneratedRegex("^[a-z0-9_-]{1,32}$")]
    public static partial Regex DeviceName();

    [GeneratedRegex("^[a-z][a-z0-9]{5}$")]
    public static partial Regex FactorCode();

    [GeneratedRegex("^[0-9]{2}$")]
    public static partial Regex SystemCode();

    [GeneratedRegex(@"^([+-])(\d{1,2}):(\d{2})$")]
    public static partial Regex UtcOffset();
}
