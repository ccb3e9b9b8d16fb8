using EdgeGateway.FieldBus.Polling;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.DataFlow.Tests.FieldBus.Polling;

/// <summary>
/// Drives a <see cref="BusPoller"/> on the test's thread over a <see cref="FakeTimeProvider"/>: every due step runs
/// (<see cref="BusPoller.RunDueStep()"/>), then the clock moves one step. The schedule runs on virtual time; only the
/// slave's answers (and timeouts) take real milliseconds, so "nothing happened in this long" is a fact, not a race.
/// </summary>
internal static class SteppedPolling
{
    /// <summary>Plays <paramref name="duration"/> of virtual time in steps of <paramref name="step"/>.</summary>
    public static void RunFor(BusPoller poller, FakeTimeProvider time, TimeSpan duration, TimeSpan step)
    {
        var end = time.GetUtcNow() + duration;
        while (time.GetUtcNow() < end)
        {
            RunDue(poller);
            time.Advance(step);
        }
    }

    /// <summary>Plays virtual time until <paramref name="condition"/> holds; fails past <paramref name="limit"/>.</summary>
    public static void RunUntil(BusPoller poller, FakeTimeProvider time, Func<bool> condition, TimeSpan limit, TimeSpan step)
    {
        var end = time.GetUtcNow() + limit;
        while (true)
        {
            RunDue(poller);
            if (condition())
            {
                return;
            }

            Assert.True(time.GetUtcNow() < end, $"not reached within {limit} of virtual time");
            time.Advance(step);
        }
    }

    /// <summary>Runs every step due now: device cycles and queued requests, without moving the clock.</summary>
    public static void RunDue(BusPoller poller)
    {
        while (poller.RunDueStep())
        {
        }
    }
}
