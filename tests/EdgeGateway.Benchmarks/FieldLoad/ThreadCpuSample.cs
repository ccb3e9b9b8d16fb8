using System.Globalization;

namespace EdgeGateway.Benchmarks.FieldLoad;

/// <summary>The CPU time of every thread of a process at one moment, by thread id, with the thread's name (comm).</summary>
internal sealed class ThreadCpuSample
{
    // USER_HZ: the unit of utime/stime in /proc; 100 on every Linux the gateway runs on.
    private const double TicksPerSecond = 100;

    private readonly Dictionary<int, (string Name, long Ticks)> _threads;

    private ThreadCpuSample(Dictionary<int, (string Name, long Ticks)> threads) => _threads = threads;

    public int Count => _threads.Count;

    public static ThreadCpuSample Take(int processId)
    {
        var threads = new Dictionary<int, (string Name, long Ticks)>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{processId}/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                var fields = stat[(close + 2)..].Split(' ');
                threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = (
                    stat[(open + 1)..close],
                    long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // The thread ended between the listing and the read.
            }
        }

        return new ThreadCpuSample(threads);
    }

    /// <summary>
    /// CPU per thread name between <paramref name="start"/> and this sample, as % of one core over
    /// <paramref name="window"/>, same-named threads summed (names that differ only in a trailing number, such as
    /// "bus rtu-1" and "bus rtu-2", as "bus rtu-*"), busiest first. A thread born in the window counts from 0;
    /// one that ended in it is missing.
    /// </summary>
    public IReadOnlyList<ThreadGroupCpu> Since(ThreadCpuSample start, TimeSpan window) =>
        _threads
            .Select(pair => (pair.Value.Name, Ticks: pair.Value.Ticks - (start._threads.TryGetValue(pair.Key, out var before) ? before.Ticks : 0)))
            .GroupBy(thread => Family(thread.Name))
            .Select(group => new ThreadGroupCpu(group.Key, group.Count(), 100 * group.Sum(thread => thread.Ticks) / TicksPerSecond / window.TotalSeconds))
            .OrderByDescending(group => group.PercentOfCore)
            .ThenBy(group => group.Name, StringComparer.Ordinal)
            .ToList();

    // "bus flue-gas-12" → "bus flue-gas-*": one bus thread per bus, and a bus per device in the isolation runs, would
    // otherwise fill the table with one name each.
    private static string Family(string name)
    {
        var trimmed = name.TrimEnd("0123456789".ToCharArray());
        return trimmed.Length < name.Length && trimmed.Length > 0 ? trimmed + "*" : name;
    }
}
