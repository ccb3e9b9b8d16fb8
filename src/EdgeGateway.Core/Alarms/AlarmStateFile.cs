using System.Text.Json;
using EdgeGateway.Core.Storage;

namespace EdgeGateway.Core.Alarms;

/// <summary>
/// The active alarms in alarms.json in the state directory, replaced atomically after each change, so an episode that
/// spans a restart is neither raised twice nor forgotten. A damaged file is read as no alarms: the next window that
/// passes a threshold raises its alarm again, which is the safe side.
/// </summary>
public sealed class AlarmStateFile(string path)
{
    public string Path { get; } = path;

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

    public void Save(IReadOnlyList<ActiveAlarm> active) =>
        AtomicFile.Write(Path, stream => JsonSerializer.Serialize(stream, [.. active], AlarmJsonContext.Default.ListActiveAlarm));
}
