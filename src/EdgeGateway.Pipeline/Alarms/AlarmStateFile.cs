using System.Text.Json;
using EdgeGateway.Primitives.StateFiles;

namespace EdgeGateway.Pipeline.Alarms;

/// <summary>
/// The active alarms in alarms.json in the state directory, replaced atomically after each change, so an episode that
/// spans a restart is neither raised twice nor forgotten. A damaged file is read as no alarms: the next window that
/// passes a threshold raises its alarm again, which is the safe side. A save that fails (disk full) is counted and
/// retried by its <see cref="StateFileWriter"/>, never thrown: the alarms go on in memory meanwhile.
/// </summary>
public sealed class AlarmStateFile
{
    private readonly StateFileWriter _writer;

    public AlarmStateFile(string path)
        : this(new StateFileWriter(path))
    {
    }

    public AlarmStateFile(StateFileWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
    }

    public string Path => _writer.Path;

    public IReadOnlyList<ActiveAlarm> Load()
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(Path), AlarmJsonContext.Default.ListActiveAlarm) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>Replaces the file; false when it could not be written (kept and retried).</summary>
    public bool Save(IReadOnlyList<ActiveAlarm> active) =>
        _writer.Replace(stream => JsonSerializer.Serialize(stream, [.. active], AlarmJsonContext.Default.ListActiveAlarm));
}
