using System.Numerics;

namespace EdgeGateway.Pipeline.Ring;

/// <summary>The capacity rule every ring shares, so the contract tests hold for all implementations.</summary>
internal static class RingCapacity
{
    /// <summary>2^30 slots: the largest power of two an <see cref="int"/> array length can take.</summary>
    public const int Maximum = 1 << 30;

    /// <summary>
    /// Rounds <paramref name="requested"/> up to a power of two, at least 2: the slot index is then
    /// <c>position &amp; (capacity - 1)</c>, and with one slot the sequence that means "published for position p"
    /// (p + 1) would equal the one that means "free for position p + 1" (p + capacity).
    /// </summary>
    public static int RoundUp(int requested, string parameterName)
    {
        if (requested is < 1 or > Maximum)
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                requested,
                $"ring capacity must be between 1 and {Maximum} (2^30); it is rounded up to a power of two, at least 2");
        }

        return (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(requested, 2));
    }
}
