using System.Text.Json;
using EdgeGateway.Control.Contract;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Validation;
using EdgeGateway.Primitives.StateFiles;

namespace EdgeGateway.Control;

/// <summary>
/// Puts channels into maintenance (their readings flagged M) until a given time, or ends it. Every window has an end,
/// so a forgotten one does not flag data for days: the validator stops flagging at <c>MaintenanceUntil</c> by itself.
/// With a state file, open windows are written (atomically) at every change and restored at start, so a restart of
/// the service during a visit does not let readings go out unflagged.
/// </summary>
public sealed class MaintenanceWindows
{
    private readonly ChannelTable _channels;
    private readonly GatewayChannelStateHolder _state;
    private readonly string? _stateFile;
    private readonly StateFileWriter? _writer;
    private readonly TimeProvider _time;

    public MaintenanceWindows(ChannelTable channels, GatewayChannelStateHolder state, string? stateFile = null, TimeProvider? time = null)
        : this(channels, state, stateFile is null ? null : new StateFileWriter(stateFile, time), time)
    {
    }

    /// <param name="writer">Writes the state file (a failure is counted and retried there, never thrown); null keeps the windows in memory only.</param>
    public MaintenanceWindows(ChannelTable channels, GatewayChannelStateHolder state, StateFileWriter? writer, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(state);
        _channels = channels;
        _state = state;
        _writer = writer;
        _stateFile = writer?.Path;
        _time = time ?? TimeProvider.System;
        Restore();
    }

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
            if (!_channels.TryFind(channel, out var one))
            {
                error = _channels.NoSuchChannel(channel);
                return false;
            }

            selected = [one];
            return true;
        }

        selected = [.. _channels.Channels.Where(candidate => candidate.Device == device)];
        if (selected.Count == 0)
        {
            error = $"no device '{device}'; devices: {string.Join(", ", _channels.Channels.Select(candidate => candidate.Device).Distinct())}";
            return false;
        }

        return true;
    }

    /// <summary>Opens (or moves the end of) a window on the channels; returns the previous ends.</summary>
    public IReadOnlyList<DateTimeOffset?> Start(IReadOnlyList<ChannelDefinition> selected, DateTimeOffset until) => SetEnd(selected, until);

    /// <summary>Ends the windows on the channels now; returns the ends they had.</summary>
    public IReadOnlyList<DateTimeOffset?> Stop(IReadOnlyList<ChannelDefinition> selected) => SetEnd(selected, null);

    /// <summary>The open windows at <paramref name="now"/>: channel key and end.</summary>
    public IReadOnlyList<(string Channel, DateTimeOffset Until)> Open(DateTimeOffset now)
    {
        var current = _state.Current;
        return [.. _channels.Channels.Where(channel => current[channel.Index].MaintenanceUntil > now).Select(channel => (channel.Key, current[channel.Index].MaintenanceUntil!.Value))];
    }

    // One atomic swap of the channel state for all the channels, then the state file.
    private List<DateTimeOffset?> SetEnd(IReadOnlyList<ChannelDefinition> selected, DateTimeOffset? until)
    {
        ArgumentNullException.ThrowIfNull(selected);
        var previous = new List<DateTimeOffset?>();
        _state.Update(current =>
        {
            previous.Clear();
            foreach (var channel in selected)
            {
                previous.Add(current[channel.Index].MaintenanceUntil);
                current = current.With(channel.Index, current[channel.Index] with { MaintenanceUntil = until });
            }

            return current;
        });
        Save();
        return previous;
    }

    private void Save()
    {
        if (_writer is null)
        {
            return;
        }

        List<MaintenanceWindowRecord> open = [.. Open(_time.GetUtcNow()).Select(window => new MaintenanceWindowRecord(window.Channel, window.Until))];
        _writer.Replace(stream => JsonSerializer.Serialize(stream, open, ControlJsonContext.Default.ListMaintenanceWindowRecord));
    }

    // Windows still open are put back; ended ones and channels no longer configured are dropped. A damaged file is
    // ignored rather than fatal: the worst case is readings flagged N that a technician meant as M, and egw shows it.
    private void Restore()
    {
        if (_stateFile is null || !File.Exists(_stateFile))
        {
            return;
        }

        List<MaintenanceWindowRecord>? saved;
        try
        {
            saved = JsonSerializer.Deserialize(File.ReadAllText(_stateFile), ControlJsonContext.Default.ListMaintenanceWindowRecord);
        }
        catch (JsonException)
        {
            return;
        }

        var now = _time.GetUtcNow();
        _state.Update(current =>
        {
            foreach (var window in saved ?? [])
            {
                if (window.Until > now && _channels.TryFind(window.Channel, out var definition))
                {
                    current = current.With(definition.Index, current[definition.Index] with { MaintenanceUntil = window.Until });
                }
            }

            return current;
        });
    }
}
