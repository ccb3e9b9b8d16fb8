using EdgeGateway.Pipeline;

namespace EdgeGateway.Pipeline.Aggregation;

/// <summary>
/// How many of the items a record was built from carry each flag: samples for a minute record, minute records for an
/// hour, hour records for a day.
/// </summary>
public readonly record struct FlagCounts(int N, int F, int M, int S, int D, int C, int T, int B)
{
    /// <summary>The number of DataFlag values; arrays indexed by flag have this length.</summary>
    internal const int FlagCount = 8;

    public int Total => N + F + M + S + D + C + T + B;

    public int this[DataFlag flag] => flag switch
    {
        DataFlag.N => N,
        DataFlag.F => F,
        DataFlag.M => M,
        DataFlag.S => S,
        DataFlag.D => D,
        DataFlag.C => C,
        DataFlag.T => T,
        DataFlag.B => B,
        _ => throw new ArgumentOutOfRangeException(nameof(flag), flag, "not an HJ 212 data flag"),
    };

    /// <summary>From counts indexed by <c>(int)DataFlag</c>.</summary>
    internal static FlagCounts FromArray(ReadOnlySpan<int> byFlag) => new(
        byFlag[(int)DataFlag.N], byFlag[(int)DataFlag.F], byFlag[(int)DataFlag.M], byFlag[(int)DataFlag.S],
        byFlag[(int)DataFlag.D], byFlag[(int)DataFlag.C], byFlag[(int)DataFlag.T], byFlag[(int)DataFlag.B]);

    /// <summary>Counts indexed by <c>(int)DataFlag</c>.</summary>
    internal int[] ToArray() => [N, F, M, S, D, C, T, B];
}
