using System.Globalization;

namespace EdgeGateway.Interop.Tests.FieldTrial;

/// <summary>
/// The trial's clock: the service runs under libfaketime with one fixed offset (FAKETIME="+N", the monotonic clock
/// moved by the same offset) for every start, so its wall clock is real time + <see cref="Offset"/>, and the trial's script says when
/// things happen relative to <see cref="Hour"/>, an hour boundary on that faked timeline. Records carry times on the
/// same timeline, so the checker compares them with these.
/// </summary>
internal sealed class FakeTimeline
{
    private FakeTimeline(TimeSpan offset, DateTimeOffset hour)
    {
        Offset = offset;
        Hour = hour;
    }

    /// <summary>Faked minus real wall time: whole seconds.</summary>
    public TimeSpan Offset { get; }

    /// <summary>The hour boundary the trial passes, on the faked timeline.</summary>
    public DateTimeOffset Hour { get; }

    public DateTimeOffset Now => DateTimeOffset.UtcNow + Offset;

    /// <summary>Seconds relative to <see cref="Hour"/>, for logs: "H-01:05".</summary>
    public string Describe(DateTimeOffset time)
    {
        var relative = time - Hour;
        return (relative < TimeSpan.Zero ? "H-" : "H+") + relative.Duration().ToString(@"mm\:ss\.f", CultureInfo.InvariantCulture);
    }

    /// <summary>A timeline whose present is <paramref name="beforeHour"/> before an hour boundary (a day ahead of real time).</summary>
    public static FakeTimeline Starting(TimeSpan beforeHour)
    {
        var now = DateTimeOffset.UtcNow;
        var ahead = now.AddDays(1);
        var hour = new DateTimeOffset(ahead.Year, ahead.Month, ahead.Day, ahead.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        var offset = TimeSpan.FromSeconds(Math.Round((hour - beforeHour - now).TotalSeconds));
        return new FakeTimeline(offset, hour);
    }

    public DateTimeOffset At(TimeSpan relativeToHour) => Hour + relativeToHour;

    /// <summary>The environment that puts a process on this timeline.</summary>
    /// <remarks>
    /// The monotonic clock is faked too. With FAKETIME_DONT_FAKE_MONOTONIC=1, libfaketime 0.9.10 still moves the deadline
    /// of every CLOCK_MONOTONIC pthread_cond_timedwait by the offset, so every timed wait returned at once: the service
    /// spun a whole core and its stop's 15 s wait for the consumer returned at once (issue 15's failing trial). The
    /// trial checks the service's idle CPU after the first start so such a distortion cannot come back unseen.
    /// </remarks>
    public IReadOnlyDictionary<string, string> Environment(string faketimeLibrary) => new Dictionary<string, string>
    {
        ["LD_PRELOAD"] = faketimeLibrary,
        ["FAKETIME"] = "+" + ((long)Offset.TotalSeconds).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Waits (real time) until the faked clock reads <see cref="Hour"/> + <paramref name="relativeToHour"/>.</summary>
    public async Task WaitUntilAsync(TimeSpan relativeToHour)
    {
        var wait = At(relativeToHour) - Now;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, TestContext.Current.CancellationToken);
        }
    }
}
