using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Ring;

namespace EdgeGateway.Benchmarks.Uplink;

/// <summary>Readings as the bus threads would write them: every channel once per second, in channel order.</summary>
internal static class ReadingSource
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The <paramref name="index"/>-th reading of the sequence: channel index mod channels, one second per round.</summary>
    public static Reading At(long index, int channels)
    {
        var raw = index % 1000;
        return new Reading((int)(index % channels), Start.AddSeconds(index / channels).UtcTicks, raw, raw / 10.0, DataFlag.N, FlagReason.None);
    }

    /// <summary>
    /// Writes readings <paramref name="from"/>.. in order, <paramref name="count"/> of them, as fast as the ring takes
    /// them. A full ring makes the writer sleep a millisecond rather than spin, so back-pressure costs no CPU and
    /// nothing is lost (a bus thread would drop instead; here every sequence must arrive).
    /// </summary>
    public static void Write(IRing<Reading> ring, long from, long count, int channels)
    {
        for (var index = from; index < from + count; index++)
        {
            var reading = At(index, channels);
            while (!ring.TryWrite(reading))
            {
                Thread.Sleep(1);
            }
        }
    }
}
