using EdgeGateway.FieldBus.Polling;

namespace EdgeGateway.Pipeline;

/// <summary>Every channel of the site, numbered once at start; readings carry the number, not the names.</summary>
public sealed class ChannelTable
{
    private readonly Dictionary<string, ChannelDefinition> _byKey;

    public ChannelTable(IEnumerable<ChannelDefinition> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        Channels = [.. channels];
        for (var i = 0; i < Channels.Count; i++)
        {
            if (Channels[i].Index != i)
            {
                throw new ArgumentException($"channel {Channels[i].Key} has index {Channels[i].Index}, expected {i}", nameof(channels));
            }
        }

        _byKey = Channels.ToDictionary(channel => channel.Key, StringComparer.Ordinal);
    }

    /// <summary>Numbers the channels of every device in order: device after device, each in its profile's order.</summary>
    public static ChannelTable ForDevices(IEnumerable<PolledDevice> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var channels = new List<ChannelDefinition>();
        foreach (var device in devices)
        {
            var deviceStart = channels.Count;
            foreach (var channel in device.Profile.Channels)
            {
                var rate = ChannelDefinition.RateIndexOf(channel, device.Profile.Channels, deviceStart);
                channels.Add(new ChannelDefinition(channels.Count, device.Name, channel.Id, channel.Code, channel.Unit, channel.Range, ChannelDefinition.KindOf(channel), rate));
            }
        }

        return new ChannelTable(channels);
    }

    public IReadOnlyList<ChannelDefinition> Channels { get; }

    public int Count => Channels.Count;

    public ChannelDefinition this[int index] => Channels[index];

    public bool TryFind(string key, out ChannelDefinition channel) => _byKey.TryGetValue(key, out channel!);

    /// <summary>What to tell someone who named a channel that is not here, with the form keys take.</summary>
    public string NoSuchChannel(string key) => $"no channel '{key}' (channel keys are device.channel, e.g. {(Channels.Count > 0 ? Channels[0].Key : "cems.so2")})";

    /// <summary>The index of a device's first channel; its others follow in profile order.</summary>
    public int FirstChannelOf(string device)
    {
        for (var i = 0; i < Channels.Count; i++)
        {
            if (Channels[i].Device == device)
            {
                return i;
            }
        }

        throw new KeyNotFoundException($"no channels of device '{device}'");
    }
}
