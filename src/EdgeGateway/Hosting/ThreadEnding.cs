using System.Diagnostics;

namespace EdgeGateway.Hosting;

/// <summary>Waits for a thread to end within a limit measured on the monotonic stopwatch.</summary>
internal static class ThreadEnding
{
    /// <summary>
    /// True once <paramref name="thread"/> has ended, false when it still runs after <paramref name="limit"/>. A timed
    /// <see cref="Thread.Join(TimeSpan)"/> may return before its time: under libfaketime with an unfaked monotonic clock
    /// every timed wait returned at once (field trial, issue 15), and the stop then went on beside a consumer that was
    /// still writing. So the limit is measured here, and the join repeated until it has passed.
    /// </summary>
    public static bool WaitForEnd(Thread thread, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(thread);
        var waited = Stopwatch.StartNew();
        while (!thread.Join(Remaining(limit, waited.Elapsed)))
        {
            if (waited.Elapsed >= limit)
            {
                return !thread.IsAlive;
            }

            // An early return without the thread ending: yield once so a broken timed wait does not spin a core.
            Thread.Sleep(1);
        }

        return true;
    }

    private static TimeSpan Remaining(TimeSpan limit, TimeSpan elapsed) => elapsed >= limit ? TimeSpan.Zero : limit - elapsed;
}
