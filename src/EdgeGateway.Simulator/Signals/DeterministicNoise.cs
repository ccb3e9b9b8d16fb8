namespace EdgeGateway.Simulator.Signals;

/// <summary>
/// Stable pseudo-random numbers as a function of a key and an index (SplitMix64 mixing). Unlike
/// <see cref="Random"/> there is no sequence to advance, so a value depends only on its inputs; unlike
/// <see cref="string.GetHashCode()"/> the result is the same in every process.
/// </summary>
public static class DeterministicNoise
{
    /// <summary>A key for one channel of one simulation run.</summary>
    public static ulong Key(int seed, string channelId)
    {
        ArgumentNullException.ThrowIfNull(channelId);

        // FNV-1a over the UTF-16 code units: stable across runs and platforms.
        var hash = 0xCBF29CE484222325UL;
        foreach (var character in channelId)
        {
            hash ^= character;
            hash *= 0x100000001B3UL;
        }

        return Mix(hash ^ Mix((ulong)(uint)seed));
    }

    /// <summary>A key derived from another, for an independent stream (noise, drift, phase...).</summary>
    public static ulong Derive(ulong key, ulong stream) => Mix(key ^ Mix(stream * 0x9E3779B97F4A7C15UL));

    /// <summary>Uniform in [0, 1).</summary>
    public static double Fraction(ulong key, long index) => (Mix(key ^ Mix((ulong)index)) >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [-1, 1).</summary>
    public static double Symmetric(ulong key, long index) => (2 * Fraction(key, index)) - 1;

    /// <summary>
    /// Smooth noise in [-1, 1]: random knots every <paramref name="step"/> seconds joined by a smoothstep, so
    /// the value wanders instead of jumping on every sample.
    /// </summary>
    public static double Smooth(ulong key, double seconds, double step)
    {
        var position = seconds / step;
        var knot = Math.Floor(position);
        var t = position - knot;
        var blend = t * t * (3 - (2 * t));
        var index = (long)knot;
        return Symmetric(key, index) + ((Symmetric(key, index + 1) - Symmetric(key, index)) * blend);
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
