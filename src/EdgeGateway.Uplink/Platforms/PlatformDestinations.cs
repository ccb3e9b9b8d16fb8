using EdgeGateway.Storage;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>The outbox destination of each HJ 212 platform: its own acknowledged cursor (see <see cref="IOutbox.Destinations"/>).</summary>
public static class PlatformDestinations
{
    /// <summary>The prefix every platform destination starts with; the MQTT uplink's is <see cref="OutboxDestinations.Mqtt"/>.</summary>
    public const string Prefix = "hj212:";

    /// <summary>The destination of the platform named <paramref name="platformName"/>, e.g. <c>hj212:province</c>.</summary>
    public static string Of(string platformName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(platformName);
        return Prefix + platformName;
    }
}
