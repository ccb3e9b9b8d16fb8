namespace EdgeGateway.Benchmarks.FieldLoad;

/// <summary>The 1, 5 and 15 minute load averages (/proc/loadavg), recorded beside every figure of a busy machine.</summary>
internal static class LoadAverage
{
    public static string Now() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
