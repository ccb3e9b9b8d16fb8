using EdgeGateway.Core.Pipeline;
using EdgeGateway.Core.Pipeline.Validation;

namespace EdgeGateway.Core.Control;

/// <summary>
/// Puts channels into maintenance (their readings flagged M) until a given time, or ends it. Every window has an end,
/// so a forgotten one does not flag data for days: the validator stops flagging at <c>MaintenanceUntil</c> by itself.
/// </summary>
public sealed class MaintenanceWindows(ChannelTable channels, GatewayChannelStateHolder state)
{
    /// <summary>The longest window a technician may open at once.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);

    /// <summary>The channels a selector names: every channel of a device, or one channel by its key.</summary>
    /// <returns>False with a reason when the selector names nothing.</returns>
    public bool TrySelect(string? device, string? channel, out IReadOnlyList<ChannelDefinition> selected, out string? error)
    {
        selected = [];
        error = null;
        if ((device is null) == (channel is null))
        {
            error = "give either a device or a channel";
            return false;
        }

        if (channel is not null)
        {
            if (!channels.TryFind(channel, out var one))
            {
                error = $"no channel '{channel}' (channel keys are device.channel, e.g. {channels.Channels.FirstOrDefault()?.Key ?? "cems.so2"})";
                return false;
            }

            selected = [one];
            return true;
        }

        selected = [.. channels.Channels.Where(candidate => candidate.Device == device)];
        if (selected.Count == 0)
        {
            error = $"no device '{device}'; devices: {string.Join(", ", channels.Channels.Select(candidate => candidate.Device).Distinct())}";
            return false;
        }

        return true;
    }

    /// <summary>Opens (or moves the end of) a window on the channels; returns the previous ends.</summary>
    public IReadOnlyList<DateTimeOffset?> Start(IReadOnlyList<ChannelDefinition> selected, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(selected);
        var previous = new List<DateTimeOffset?>();
        state.Update(current =>
        {
            previous.Clear();
            foreach (var channel in selected)
            {
                previous.Add(current[channel.Index].MaintenanceUntil);
                current = current.With(channel.Index, current[channel.Index] with { MaintenanceUntil = until });
            }

            return current;
        });
        return previous;
    }

    /// <summary>Ends the windows on the channels now; returns the ends they had.</summary>
    public IReadOnlyList<DateTimeOffset?> Stop(IReadOnlyList<ChannelDefinition> selected)
    {
        ArgumentNullException.ThrowIfNull(selected);
        var previous = new List<DateTimeOffset?>();
        state.Update(current =>
        {
            previous.Clear();
            foreach (var channel in selected)
            {
                previous.Add(current[channel.Index].MaintenanceUntil);
                current = current.With(channel.Index, current[channel.Index] with { MaintenanceUntil = null });
            }

            return current;
        });
        return previous;
    }

    /// <summary>The open windows at <paramref name="now"/>: channel key and end.</summary>
    public IReadOnlyList<(string Channel, DateTimeOffset Until)> Open(DateTimeOffset now)
    {
        var current = state.Current;
        return [.. channels.Channels.Where(channel => current[channel.Index].MaintenanceUntil > now).Select(channel => (channel.Key, current[channel.Index].MaintenanceUntil!.Value))];
    }
}
