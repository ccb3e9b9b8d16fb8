using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EdgeGateway.Demo;

/// <summary>
/// Sums the readings batches the platform receives into one line every <see cref="Interval"/> (the first batch at
/// once), instead of a line per batch every second or two that pushed the alarm lines off the screen.
/// </summary>
internal sealed class DemoReadingsLine(TimeProvider clock)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private static readonly string[] Pollutants = ["a21026", "a21002", "a34013", "a21005", "w01018", "w21003", "w21011", "w21001"];

    private readonly SortedDictionary<string, int> _flags = new(StringComparer.Ordinal);
    private DateTimeOffset? _lastPrinted;
    private long? _firstSequence;
    private long _lastSequence;
    private int _readings;
    private string? _sample;

    /// <summary>Adds a readings message; returns the line to print when one is due, else null.</summary>
    public string? Add(string suffix, JsonElement root, JsonElement readings)
    {
        _firstSequence ??= root.GetProperty("firstSequence").GetInt64();
        _lastSequence = root.GetProperty("lastSequence").GetInt64();
        foreach (var reading in readings.EnumerateArray())
        {
            _readings++;
            var flag = reading.GetProperty("flag").GetString() ?? "?";
            _flags[flag] = _flags.GetValueOrDefault(flag) + 1;
            if (Pollutants.Contains(reading.GetProperty("code").GetString()) && reading.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Number)
            {
                _sample = string.Create(CultureInfo.InvariantCulture, $"{reading.GetProperty("channel").GetString()} = {value.GetDouble():0.##} {reading.GetProperty("unit").GetString()} {flag}");
            }
        }

        var now = clock.GetUtcNow();
        if (_lastPrinted is { } last && now - last < Interval)
        {
            return null;
        }

        _lastPrinted = now;
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{suffix} seq {_firstSequence}-{_lastSequence}: {_readings} readings, flags {string.Join(' ', _flags.Select(flag => $"{flag.Key}×{flag.Value}"))}");
        if (_sample is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"; e.g. {_sample}");
        }

        _flags.Clear();
        _firstSequence = null;
        _readings = 0;
        _sample = null;
        return text.ToString();
    }
}
