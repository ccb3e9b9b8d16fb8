using System.Text.Json;
using EdgeGateway.Control.Contract;
using EdgeGateway.Control.Contract.Windows;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Validation;
using EdgeGateway.Primitives.StateFiles;

namespace EdgeGateway.Control;

/// <summary>
/// Puts channels into maintenance (their readings flagged M) until a given time, or ends it. Every window has an end,
/// so a forgotten one does not flag data for days: the validator stops flagging at <c>MaintenanceUntil</c> by itself.
/// With a state file, open windows are written (atomically) at every change and restored at start, so a restart of
/// the service during a visit does not let readings go out unflagged. Each window also keeps how it began (reason,
/// time, user) for <c>egw maintenance list</c> and the web console.
/// </summary>
public sealed class MaintenanceWindows
{
    private readonly ChannelTable _channels;
    private readonly GatewayChannelStateHolder _state;
    private readonly string? _stateFile;
    private readonly StateFileWriter? _writer;
    private readonly TimeProvider _time;
    private readonly Lock _originsLock = new();
    private readonly Dictionary<int, WindowOrigin> _origins = [];

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
    /// <param name="reason">Why, as given at the start; kept with the window.</param>
    /// <param name="user">Who started it; kept with the window.</param>
    public IReadOnlyList<DateTimeOffset?> Start(IReadOnlyList<ChannelDefinition> selected, DateTimeOffset until, string? reason = null, string? user = null)
    {
        ArgumentNullException.ThrowIfNull(selected);
        var origin = new WindowOrigin(reason, _time.GetUtcNow(), user);
        lock (_originsLock)
        {
            foreach (var channel in selected)
            {
                _origins[channel.Index] = origin;
            }
        }

        return SetEnd(selected, until);
    }

    /// <summary>Ends the windows on the channels now; returns the ends they had.</summary>
    public IReadOnlyList<DateTimeOffset?> Stop(IReadOnlyList<ChannelDefinition> selected)
    {
        ArgumentNullException.ThrowIfNull(selected);
        lock (_originsLock)
        {
            foreach (var channel in selected)
            {
                _origins.Remove(channel.Index);
            }
        }

        return SetEnd(selected, null);
    }

    /// <summary>The open windows at <paramref name="now"/> with how each began (null parts when not known).</summary>
    public IReadOnlyList<OpenMaintenanceWindow> Windows(DateTimeOffset now)
    {
        var current = _state.Current;
        lock (_originsLock)
        {
            return [.. _channels.Channels.Where(channel => current[channel.Index].MaintenanceUntil > now).Select(channel =>
            {
                var origin = _origins.GetValueOrDefault(channel.Index);
                return new OpenMaintenanceWindow(channel.Key, current[channel.Index].MaintenanceUntil!.Value, origin?.Reason, origin?.StartedAt, origin?.User);
            })];
        }
    }

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

        List<MaintenanceWindowRecord> open = [.. Windows(_time.GetUtcNow()).Select(window => new MaintenanceWindowRecord(window.Channel, window.Until, window.Reason, window.StartedAt, window.User))];
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
                    if (window.Reason is not null || window.StartedAt is not null || window.User is not null)
                    {
                        lock (_originsLock)
                        {
                            _origins[definition.Index] = new WindowOrigin(window.Reason, window.StartedAt, window.User);
                        }
                    }
                }
            }

            return current;
        });
    }

    /// <summary>How a window began; parts are null when restored from a state file written before they were kept.</summary>
    private sealed record WindowOrigin(string? Reason, DateTimeOffset? StartedAt, string? User);
}
