using System.Globalization;

namespace EdgeGateway.Benchmarks.FieldLoad;

/// <summary>Resident memory and threads of a process from /proc/PID/status: VmRSS = RssAnon + RssFile + RssShmem.</summary>
internal sealed record ProcessMemory(double ResidentMiB, double AnonymousMiB, double FileMiB, int Threads)
{
    public static ProcessMemory Of(int processId)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var words = line[(colon + 1)..].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (colon > 0 && words.Length > 0 && long.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                values[line[..colon]] = value;
            }
        }

        return new ProcessMemory(
            values.GetValueOrDefault("VmRSS") / 1024.0,
            values.GetValueOrDefault("RssAnon") / 1024.0,
            values.GetValueOrDefault("RssFile") / 1024.0,
            (int)values.GetValueOrDefault("Threads"));
    }
}
