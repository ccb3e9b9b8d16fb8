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
/// <param name="RateChannel">For a totaliser (profile <c>totalOf</c>), the index of the rate channel it counts up; −1 otherwise.</param>
/// <param name="Hj212Excluded">The site keeps the channel out of HJ 212 data (gateway.json <c>hj212.exclude</c>): a second device giving a code the outlet already has.</param>
public sealed record ChannelDefinition(int Index, string Device, string Channel, string Code, string Unit, MeasuringRange? Range, ChannelKind Kind = ChannelKind.Measurement, int RateChannel = -1, bool Hj212Excluded = false)
{
    /// <summary>Of the channel kinds, <see cref="ChannelKind.RunState"/> for a profile channel with a run-state map.</summary>
    public static ChannelKind KindOf(ProfileChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return channel.IsRunState ? ChannelKind.RunState : ChannelKind.Measurement;
    }

    /// <summary>True for a run-state channel.</summary>
    public bool IsRunState => Kind == ChannelKind.RunState;

    /// <summary>True for a totaliser: its increase is its rate channel's -Cou, never a value of its own in HJ 212.</summary>
    public bool IsTotal => RateChannel >= 0;

    /// <summary>
    /// The code under which the channel's own values go into HJ 212 packets (-Rtd, -Min/-Avg/-Max, -RS), or null when
    /// they do not: no code, a totaliser (it feeds its rate's -Cou), or kept out by the site.
    /// </summary>
    public string? Hj212Code => string.IsNullOrEmpty(Code) || IsTotal || Hj212Excluded ? null : Code;

    /// <summary>The index in the table of <paramref name="channel"/>'s rate channel when it is a totaliser, −1 otherwise; <paramref name="deviceStart"/> is the index of the device's first channel, in profile order.</summary>
    public static int RateIndexOf(ProfileChannel channel, IReadOnlyList<ProfileChannel> profileChannels, int deviceStart)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(profileChannels);
        if (channel.TotalOf is null)
        {
            return -1;
        }

        for (var i = 0; i < profileChannels.Count; i++)
        {
            if (profileChannels[i].Id == channel.TotalOf)
            {
                return deviceStart + i;
            }
        }

        return -1;
    }

    /// <summary>The name technicians and the platform use: <c>device.channel</c>.</summary>
    public string Key => $"{Device}.{Channel}";
}
