using System.Globalization;
using System.Text.Json;
using EdgeGateway.Control.Contract.Calibration;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Calibration;
using EdgeGateway.Primitives.StateFiles;

namespace EdgeGateway.Control.Calibration;

/// <summary>
/// Every channel's calibration, kept in calibration.json in the state directory and mirrored into the channel state
/// the bus threads read: the coefficients (so values are corrected from the first poll after a restart) and the
/// calibration window (so a restart during a procedure does not let readings go out unflagged).
/// </summary>
/// <remarks>
/// Each change is written atomically (temporary file, fsync, rename) before it takes effect and before the caller
/// confirms it. When it cannot be written (disk full) the change still takes effect (a running procedure must be able
/// to end its window): the <see cref="StateFileWriter"/> keeps it, counts the failure for the health and writes it on
/// the next change or retry; only a restart before then loses it. Channels no longer in the configuration keep their entries in the file, so a device taken out of the
/// config for a day gets its coefficients back when it returns. A file that cannot be read is moved aside, not
/// deleted, and <see cref="RestoreProblem"/> says so: the service announces it, because uncorrected values are then
/// going out.
/// </remarks>
public sealed class CalibrationBook
{
    private readonly Lock _gate = new();
    private readonly ChannelTable _channels;
    private readonly GatewayChannelStateHolder _state;
    private readonly Dictionary<string, ChannelCalibration> _entries = new(StringComparer.Ordinal);
    private readonly StateFileWriter? _writer;

    public CalibrationBook(ChannelTable channels, GatewayChannelStateHolder state, string? path, TimeProvider? time = null)
        : this(channels, state, path is null ? null : new StateFileWriter(path, time), time)
    {
    }

    /// <param name="writer">Writes calibration.json; null keeps everything in memory.</param>
    public CalibrationBook(ChannelTable channels, GatewayChannelStateHolder state, StateFileWriter? writer, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(state);
        _channels = channels;
        _state = state;
        _writer = writer;
        Path = writer?.Path;
        Restore(time ?? TimeProvider.System);
        lock (_gate)
        {
            Mirror(_entries.Keys);
        }
    }

    /// <summary>calibration.json; null keeps everything in memory (tests, the demo without a state directory).</summary>
    public string? Path { get; }

    /// <summary>Why the file could not be restored, and where it was moved; null when it was fine or absent.</summary>
    public string? RestoreProblem { get; private set; }

    /// <summary>A channel's calibration; an uncalibrated one when it has none.</summary>
    public ChannelCalibration Get(string channel)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(channel, out var entry) ? entry : new ChannelCalibration { Channel = channel };
        }
    }

    /// <summary>Every configured channel's calibration, in the order of the channel table.</summary>
    public IReadOnlyList<ChannelCalibration> All()
    {
        lock (_gate)
        {
            return [.. _channels.Channels.Select(channel => _entries.TryGetValue(channel.Key, out var entry) ? entry : new ChannelCalibration { Channel = channel.Key })];
        }
    }

    /// <summary>
    /// Changes one channel's calibration: the file is written, then the channel state swapped, both before this
    /// returns. <paramref name="change"/> runs under the book's lock and may refuse by throwing.
    /// </summary>
    /// <returns>The entry before and after.</returns>
    public (ChannelCalibration Before, ChannelCalibration After) Update(string channel, Func<ChannelCalibration, ChannelCalibration> change)
    {
        var (before, after) = UpdateAll([channel], change);
        return (before[0], after[0]);
    }

    /// <summary>
    /// Changes several channels' calibration with one write of the file (an analyzer routine flags all its gases) and
    /// one swap of the channel state; see <see cref="Update"/>.
    /// </summary>
    /// <returns>The entries before and after, in the order of <paramref name="channels"/>.</returns>
    public (IReadOnlyList<ChannelCalibration> Before, IReadOnlyList<ChannelCalibration> After) UpdateAll(IReadOnlyList<string> channels, Func<ChannelCalibration, ChannelCalibration> change)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var before = channels.Select(channel => _entries.TryGetValue(channel, out var entry) ? entry : new ChannelCalibration { Channel = channel }).ToList();
            var after = before.Select(change).ToList();
            for (var i = 0; i < channels.Count; i++)
            {
                _entries[channels[i]] = after[i];
            }

            try
            {
                Save();
            }
            catch
            {
                for (var i = 0; i < channels.Count; i++)
                {
                    _entries[channels[i]] = before[i];
                }

                throw;
            }

            Mirror(channels);
            return (before, after);
        }
    }

    /// <summary>The coefficients the pipeline applies for an entry; null when it does not correct anything.</summary>
    public static CalibrationCoefficients? CoefficientsOf(ChannelCalibration entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!entry.IsCorrecting)
        {
            return null;
        }

        var last = entry.History.LastOrDefault(change => change.Action == CalibrationChange.Applied);
        var zero = last?.Zero is { } z ? new CalibrationPoint(z.Reference, z.Measured) : new CalibrationPoint(0, 0);
        var span = last?.Span is { } s ? new CalibrationPoint(s.Reference, s.Measured) : new CalibrationPoint(1, 1);
        return new CalibrationCoefficients(entry.Gain, entry.Offset, zero, span, entry.History.LastOrDefault()?.At ?? DateTimeOffset.UnixEpoch);
    }

    private void Mirror(IEnumerable<string> keys)
    {
        var changed = keys.Where(key => _channels.TryFind(key, out _)).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        _state.Update(current =>
        {
            foreach (var key in changed)
            {
                _channels.TryFind(key, out var definition);
                var entry = _entries[key];
                current = current.With(definition.Index, current[definition.Index] with { Calibration = CoefficientsOf(entry), CalibrationUntil = entry.WindowUntil });
            }

            return current;
        });
    }

    private void Save()
    {
        if (_writer is null)
        {
            return;
        }

        var file = new CalibrationFile(1, [.. _entries.Values.OrderBy(entry => entry.Channel, StringComparer.Ordinal)]);
        _writer.Replace(stream => JsonSerializer.Serialize(stream, file, CalibrationFileJsonContext.Default.CalibrationFile));
    }

    private void Restore(TimeProvider time)
    {
        if (Path is null || !File.Exists(Path))
        {
            return;
        }

        try
        {
            var file = JsonSerializer.Deserialize(File.ReadAllText(Path), CalibrationFileJsonContext.Default.CalibrationFile)
                ?? throw new JsonException("the file holds null");
            foreach (var entry in file.Channels)
            {
                if (!double.IsFinite(entry.Gain) || entry.Gain == 0 || !double.IsFinite(entry.Offset))
                {
                    throw new JsonException($"channel {entry.Channel} has gain {entry.Gain} and offset {entry.Offset}");
                }

                _entries[entry.Channel] = entry;
            }
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or ArgumentNullException or InvalidOperationException)
        {
            _entries.Clear();
            var aside = $"{Path}.damaged-{time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}";
            File.Move(Path, aside, overwrite: true);
            RestoreProblem = $"{Path} could not be read ({exception.Message}); it was moved to {aside} and every channel runs uncalibrated until it is calibrated again";
        }
    }
}
