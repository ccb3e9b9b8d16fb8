using EdgeGateway.FieldBus.Profiles;

namespace EdgeGateway.Pipeline;

/// <summary>A channel as the pipeline knows it: where it comes from and what it measures.</summary>
/// <param name="Index">Its index in the <see cref="ChannelTable"/> and in every <see cref="Reading"/>.</param>
/// <param name="Device">The device's name in the site config.</param>
/// <param name="Channel">The profile's channel id.</param>
/// <param name="Code">HJ 212 factor code, e.g. a21026; for a run-state channel the equipment code, e.g. SB1.</param>
/// <param name="Unit">Engineering unit.</param>
/// <param name="Range">Measuring range, if known.</param>
/// <param name="Kind">A measured factor, or a treatment facility's run state (not a pollutant factor).</param>
public sealed record ChannelDefinition(int Index, string Device, string Channel, string Code, string Unit, MeasuringRange? Range, ChannelKind Kind = ChannelKind.Measurement)
{
    /// <summary>Of the channel kinds, <see cref="ChannelKind.RunState"/> for a profile channel with a run-state map.</summary>
    public static ChannelKind KindOf(ProfileChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return channel.IsRunState ? ChannelKind.RunState : ChannelKind.Measurement;
    }

    /// <summary>True for a run-state channel.</summary>
    public bool IsRunState => Kind == ChannelKind.RunState;

    /// <summary>The name technicians and the platform use: <c>device.channel</c>.</summary>
    public string Key => $"{Device}.{Channel}";
}
