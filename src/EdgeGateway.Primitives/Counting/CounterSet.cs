using System.Runtime.CompilerServices;

namespace EdgeGateway.Primitives.Counting;

/// <summary>
/// A part's counters, one per member of <typeparamref name="TCounter"/>: incremented by the thread that does the work,
/// read by status and health from any thread. The one place the gateway's parts keep their counts, instead of a
/// field, an <see cref="Interlocked"/> increment and an <see cref="Interlocked.Read(ref long)"/> per counter in
/// every part.
/// </summary>
/// <typeparam name="TCounter">An <see cref="int"/>-based enum whose members are 0, 1, 2, ... (checked at construction).</typeparam>
/// <remarks>
/// Each count is exact and never torn (64-bit interlocked on every platform, the 32-bit arm of a Pi included); a set
/// of counts read one after another is not one atomic snapshot, which status pages do not need.
/// </remarks>
public sealed class CounterSet<TCounter>
    where TCounter : struct, Enum
{
    private readonly long[] _counts;

    public CounterSet()
    {
        var members = Enum.GetValues<TCounter>();
        if (Enum.GetUnderlyingType(typeof(TCounter)) != typeof(int))
        {
            throw new ArgumentException($"{typeof(TCounter).Name} must be an int-based enum to name counters");
        }

        for (var index = 0; index < members.Length; index++)
        {
            if (Unsafe.As<TCounter, int>(ref members[index]) != index)
            {
                throw new ArgumentException($"{typeof(TCounter).Name}'s members must be numbered 0, 1, 2, ... to name counters");
            }
        }

        _counts = new long[members.Length];
    }

    /// <summary>The count of <paramref name="counter"/>.</summary>
    public long this[TCounter counter] => Interlocked.Read(ref _counts[IndexOf(counter)]);

    /// <summary>Adds one; returns the new count.</summary>
    public long Increment(TCounter counter) => Interlocked.Increment(ref _counts[IndexOf(counter)]);

    /// <summary>Adds <paramref name="amount"/>; returns the new count.</summary>
    public long Add(TCounter counter, long amount) => Interlocked.Add(ref _counts[IndexOf(counter)], amount);

    /// <summary>Sets the count (a run's counts start again at 0); returns the old one.</summary>
    public long Reset(TCounter counter, long value = 0) => Interlocked.Exchange(ref _counts[IndexOf(counter)], value);

    private static int IndexOf(TCounter counter) => Unsafe.As<TCounter, int>(ref counter);
}
