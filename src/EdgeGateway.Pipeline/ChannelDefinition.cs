using EdgeGateway.FieldBus.Profiles;

namespace EdgeGateway.Pipeline;

/// <summary>A channel as the pipeline knows it: where it comes from and what it measures.</summary>
/// <param name="Index">Its index in the <see cref="ChannelTable"/> and in every <see cref="Reading"/>.</param>
/// <param name="Device">The device's name in the site config.</param>
/// <param name="Channel">The profile's channel id.</param>
/// <param name="Code">HJ 212 factor code, e.g. a21026.</param>
/// <param name="Unit">Engineering unit.</param>
/// <param name="Range">Measuring range, if known.</param>
public sealed record ChannelDefinition(int Index, string Device, string Channel, string Code, string Unit, MeasuringRange? Range)
{
    /// <summary>The name technicians and the platform use: <c>device.channel</c>.</summary>
    public string Key => $"{Device}.{Channel}";
}
