using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;

namespace EdgeGateway.Testing.Uplink;

/// <summary>
/// A valid minute record of fixed statistics, for tests and benches that need aggregates in an outbox. Shared by the
/// unit tests, the interop tests and the benchmarks, so every project builds its records the same way.
/// </summary>
public static class SampleMinuteRecords
{
    /// <param name="channel">The channel index.</param>
    /// <param name="startUtc">The window's start.</param>
    /// <param name="samples">Expected (and valid) samples in the window: 60 at a 1 s poll interval.</param>
    public static AggregateRecord Of(int channel, DateTimeOffset startUtc, int samples = 60) => new()
    {
        Outlet = "DA001",
        Channel = channel,
        Period = AggregatePeriod.Minute,
        StartUtc = startUtc,
        StartLocal = startUtc.ToOffset(TimeSpan.FromHours(8)),
        Length = TimeSpan.FromMinutes(1),
        Min = 1,
        Avg = 2,
        Max = 3,
        ZsMin = double.NaN,
        ZsAvg = double.NaN,
        ZsMax = double.NaN,
        Cou = double.NaN,
        IsValid = true,
        Flag = DataFlag.N,
        ExpectedCount = samples,
        Counts = new FlagCounts(samples, 0, 0, 0, 0, 0, 0, 0),
        ValidCount = samples,
    };
}
