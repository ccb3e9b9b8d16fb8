namespace EdgeGateway.Pipeline.Validation;

/// <summary>
/// The gateway's state for every channel, as one immutable snapshot. Control commands build a new snapshot and swap
/// it in atomically; a bus thread takes the current one once per cycle, so a cycle never sees half an update.
/// </summary>
public sealed class GatewayChannelState
{
    private readonly ChannelOverride[] _channels;

    public GatewayChannelState(int channelCount)
        : this(Enumerable.Repeat(ChannelOverride.None, channelCount).ToArray())
    {
    }

    private GatewayChannelState(ChannelOverride[] channels) => _channels = channels;

    public int Count => _channels.Length;

    public ChannelOverride this[int channel] => _channels[channel];

    /// <summary>A new snapshot with one channel changed; this one is left as it was.</summary>
    public GatewayChannelState With(int channel, ChannelOverride value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var copy = (ChannelOverride[])_channels.Clone();
        copy[channel] = value;
        return new GatewayChannelState(copy);
    }
}
