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

    /// <summary>A platform's name: its outbox destination <c>hj212:{name}</c> and its label in logs and egw.</summary>
    [GeneratedRegex("^[a-z0-9-]{1,32}$")]
    public static partial Regex PlatformName();

    /// <summary>An HJ 212 header value (MN, PW): nothing that would end the field or the packet.</summary>
    [GeneratedRegex("^[!-~-[;=&,]]+$")]
    public static partial Regex Hj212HeaderValue();

    [GeneratedRegex("^[a-z][a-z0-9]{5}$")]
    public static partial Regex FactorCode();

    /// <summary>A treatment facility's HJ 212 equipment code (SBxxx-RS), for run-state channels.</summary>
    [GeneratedRegex("^SB[0-9]{1,3}$")]
    public static partial Regex EquipmentCode();

    [GeneratedRegex("^[0-9]{2}$")]
    public static partial Regex SystemCode();

    [GeneratedRegex(@"^([+-])(\d{1,2}):(\d{2})$")]
    public static partial Regex UtcOffset();
}
