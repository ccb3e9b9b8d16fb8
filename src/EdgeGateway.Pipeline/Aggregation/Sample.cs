using EdgeGateway.Pipeline;

namespace EdgeGateway.Pipeline.Aggregation;

/// <summary>A reading as a minute window keeps it until the window closes.</summary>
/// <param name="Ticks">UTC timestamp in ticks.</param>
/// <param name="Value">Engineering value, NaN when none.</param>
/// <param name="Flag">The reading's HJ 212 flag.</param>
/// <param name="ShareTicks">The time this sample stands for in Cou: the gap to the channel's previous sample, capped.</param>
/// <param name="Increase">
/// A totaliser's increase since its previous valid sample (at most <see cref="OutletLayout.MaxShareTicks"/> before);
/// NaN for other channels, and when it is unknown (first sample, a gap, a counter reset).
/// </param>
internal readonly record struct Sample(long Ticks, double Value, DataFlag Flag, long ShareTicks, double Increase = double.NaN)
{
    /// <summary>Only N and S samples with a number count towards Min/Avg/Max, Zs and Cou.</summary>
    public bool IsValid => Flag is DataFlag.N or DataFlag.S && double.IsFinite(Value);

    public double ShareSeconds => (double)ShareTicks / TimeSpan.TicksPerSecond;
}
