using System.Globalization;

namespace EdgeGateway.Configuration;

/// <summary>Parses the human-written values of the config: durations (<c>500ms</c>, <c>5s</c>, <c>7d</c>) and sizes (<c>1GiB</c>).</summary>
internal static class ConfigValues
{
    private static readonly (string Suffix, double Seconds)[] DurationUnits =
        [("ms", 0.001), ("s", 1), ("m", 60), ("min", 60), ("h", 3600), ("d", 86400)];

    private static readonly (string Suffix, long Bytes)[] SizeUnits =
        [("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("TiB", 1L << 40), ("kB", 1000), ("KB", 1000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("B", 1)];

    /// <summary>The accepted duration forms, for error messages.</summary>
    public const string DurationHint = "a duration such as 500ms, 5s, 10m, 2h or 7d";

    /// <summary>The accepted size forms, for error messages.</summary>
    public const string SizeHint = "a size such as 512MiB, 2GiB or a number of bytes";

    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        foreach (var (suffix, seconds) in DurationUnits.OrderByDescending(unit => unit.Suffix.Length))
        {
            if (trimmed.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(trimmed.AsSpan(0, trimmed.Length - suffix.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
                && amount >= 0 && double.IsFinite(amount) && amount * seconds <= TimeSpan.MaxValue.TotalSeconds / 2)
            {
                duration = TimeSpan.FromSeconds(amount * seconds);
                return true;
            }
        }

        // Also the .NET form (00:00:30), which people copy from other .NET services.
        return trimmed.Contains(':', StringComparison.Ordinal)
            && TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out duration)
            && duration >= TimeSpan.Zero;
    }

    public static bool TryParseSize(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out bytes))
        {
            return true;
        }

        foreach (var (suffix, unit) in SizeUnits)
        {
            if (trimmed.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(trimmed.AsSpan(0, trimmed.Length - suffix.Length).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
                && amount >= 0 && amount * unit < long.MaxValue)
            {
                bytes = (long)(amount * unit);
                return true;
            }
        }

        return false;
    }

    /// <summary>Renders a duration the way the config writes it, for messages.</summary>
    public static string Format(TimeSpan duration) =>
        duration.TotalMilliseconds < 1000 ? $"{duration.TotalMilliseconds:0.###}ms"
        : duration.TotalSeconds < 120 ? $"{duration.TotalSeconds:0.###}s"
        : duration.TotalMinutes < 120 ? $"{duration.TotalMinutes:0.###}m"
        : duration.TotalHours < 48 ? $"{duration.TotalHours:0.###}h"
        : $"{duration.TotalDays:0.###}d";
}
