using System.Runtime.InteropServices;

namespace EdgeGateway.Pipeline.Aggregation;

/// <summary>A closed minute window's record for one channel (HJ 212-2017 Annex D).</summary>
internal static class MinuteRecordCalculator
{
    /// <param name="layout">The outlet.</param>
    /// <param name="window">The window's samples, or null when not a single reading of the outlet arrived.</param>
    /// <param name="startTicks">Window start, UTC ticks.</param>
    /// <param name="local">The channel's position in the outlet.</param>
    public static AggregateRecord Compute(OutletLayout layout, MinuteWindow? window, long startTicks, int local)
    {
        var channel = layout.Channels[local];
        var samples = window is null ? [] : CollectionsMarshal.AsSpan(window.Samples[local]);
        var oxygen = window is not null && layout.HasZs && channel.Role == ChannelRole.Pollutant
            ? CollectionsMarshal.AsSpan(window.Samples[layout.OxygenLocal])
            : [];
        var flow = window is not null && layout.HasFlow && channel.Role == ChannelRole.Pollutant
            ? CollectionsMarshal.AsSpan(window.Samples[layout.FlowLocal])
            : [];

        Span<int> byFlag = stackalloc int[FlagCounts.FlagCount];
        int valid = 0, zsCount = 0;
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        double zsSum = 0, zsMin = double.PositiveInfinity, zsMax = double.NegativeInfinity;
        double cou = 0;
        foreach (var sample in samples)
        {
            byFlag[(int)sample.Flag]++;
            if (!sample.IsValid)
            {
                continue;
            }

            valid++;
            sum += sample.Value;
            min = Math.Min(min, sample.Value);
            max = Math.Max(max, sample.Value);
            if (!oxygen.IsEmpty && TryConvert(layout, sample, oxygen, out var zs))
            {
                zsCount++;
                zsSum += zs;
                zsMin = Math.Min(zsMin, zs);
                zsMax = Math.Max(zsMax, zs);
            }

            if (channel.Role == ChannelRole.Flow)
            {
                // Volume: Q × Δt, Q in the flow unit turned into m³/s (×1 for m³/s, ×10⁻³ for L/s).
                cou += sample.Value * layout.CubicMetresPerSecondPerFlowUnit * sample.ShareSeconds;
            }
            else if (!flow.IsEmpty && TryFindValid(flow, sample.Ticks, layout.PairingToleranceTicks, out var flowSample))
            {
                // Mass: C × Q × Δt, C in kg/m³ (×10⁻⁶ for mg/m³, ×10⁻³ for mg/L) and Q in m³/s, so kg.
                cou += sample.Value * channel.KilogramsPerCubicMetrePerUnit
                    * flowSample.Value * layout.CubicMetresPerSecondPerFlowUnit * sample.ShareSeconds;
            }
        }

        // A counter says exactly what passed: when the channel has a totaliser whose every valid sample of the window
        // knows its increase, Cou is their sum (HJ 212 Annex D.1: totaliser differences instead of Q × Δt).
        // Without a known increase it falls back to the integral of the rate, or has none when the outlet has no flow.
        var hasCou = ChannelPeriodAccumulator.HasIntegratedCou(layout, channel);
        if (window is not null && channel.HasTotal && TrySumIncreases(CollectionsMarshal.AsSpan(window.Samples[channel.TotalLocal]), out var counted))
        {
            cou = counted;
            hasCou = true;
        }

        var counts = FlagCounts.FromArray(byFlag);
        var hasValues = valid > 0;
        var hasZs = zsCount > 0;
        var isValid = valid >= layout.RequiredValidSamples;
        return new AggregateRecord
        {
            Outlet = layout.Name,
            Channel = channel.Index,
            Period = AggregatePeriod.Minute,
            StartUtc = new DateTimeOffset(startTicks, TimeSpan.Zero),
            StartLocal = layout.Calendar.Local(startTicks),
            Length = TimeSpan.FromTicks(layout.Calendar.MinuteTicks),
            Min = hasValues ? min : double.NaN,
            Avg = hasValues ? sum / valid : double.NaN,
            Max = hasValues ? max : double.NaN,
            ZsMin = hasZs ? zsMin : double.NaN,
            ZsAvg = hasZs ? zsSum / zsCount : double.NaN,
            ZsMax = hasZs ? zsMax : double.NaN,
            Cou = hasCou ? cou : double.NaN,
            IsValid = isValid,
            Flag = RecordFlagRule.Combine(layout.Kind, counts, isValid),
            ExpectedCount = layout.ExpectedSamplesPerMinuteRecord,
            Counts = counts,
            ValidCount = valid,
        };
    }

    // Zs = C × (21 − O2ref) / (21 − O2), with the O2 of the same poll. No Zs for this sample when that O2 is
    // missing, invalid, or ≥ 21 % (air: the correction is undefined).
    private static bool TryConvert(OutletLayout layout, Sample sample, ReadOnlySpan<Sample> oxygen, out double zs)
    {
        zs = 0;
        if (!TryFindValid(oxygen, sample.Ticks, layout.PairingToleranceTicks, out var oxygenSample) || oxygenSample.Value >= 21)
        {
            return false;
        }

        zs = sample.Value * layout.ZsNumerator / (21 - oxygenSample.Value);
        return true;
    }

    /// <summary>The sample nearest to <paramref name="ticks"/> within the tolerance, if it is valid.</summary>
    private static bool TryFindValid(ReadOnlySpan<Sample> samples, long ticks, long toleranceTicks, out Sample found)
    {
        found = default;
        int low = 0, high = samples.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (samples[middle].Ticks < ticks)
            {
                low = middle + 1;
            }
            else if (samples[middle].Ticks > ticks)
            {
                high = middle - 1;
            }
            else
            {
                found = samples[middle];
                return found.IsValid;
            }
        }

        // No exact match: low is the first sample after ticks, high the last before it; take the nearer one.
        var bestDistance = long.MaxValue;
        foreach (var candidate in (ReadOnlySpan<int>)[high, low])
        {
            if (candidate < 0 || candidate >= samples.Length)
            {
                continue;
            }

            var distance = Math.Abs(samples[candidate].Ticks - ticks);
            if (distance <= toleranceTicks && distance < bestDistance)
            {
                bestDistance = distance;
                found = samples[candidate];
            }
        }

        return bestDistance != long.MaxValue && found.IsValid;
    }

    private static bool TrySumIncreases(ReadOnlySpan<Sample> counter, out double sum)
    {
        sum = 0;
        var any = false;
        foreach (var sample in counter)
        {
            if (!sample.IsValid)
            {
                continue;
            }

            if (!double.IsFinite(sample.Increase))
            {
                return false;
            }

            sum += sample.Increase;
            any = true;
        }

        return any;
    }
}
