namespace EdgeGateway.Pipeline.Ring;

/// <summary>The timeout rule every ring's <c>WaitToRead</c> shares.</summary>
internal static class RingTimeout
{
    /// <summary>Milliseconds for the wait primitives: -1 for <see cref="Timeout.InfiniteTimeSpan"/>, else 0 to <see cref="int.MaxValue"/>.</summary>
    public static int ToMilliseconds(TimeSpan timeout, string parameterName)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return Timeout.Infinite;
        }

        if (timeout < TimeSpan.Zero || timeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                timeout,
                "the timeout must be Timeout.InfiniteTimeSpan or between zero and int.MaxValue milliseconds");
        }

        return (int)timeout.TotalMilliseconds;
    }

    /// <summary>What is left of <paramref name="timeoutMilliseconds"/> since <paramref name="startedAt"/> (<see cref="Environment.TickCount64"/>).</summary>
    public static int Remaining(int timeoutMilliseconds, long startedAt)
    {
        if (timeoutMilliseconds == Timeout.Infinite)
        {
            return Timeout.Infinite;
        }

        var elapsed = Environment.TickCount64 - startedAt;
        return elapsed >= timeoutMilliseconds ? 0 : (int)(timeoutMilliseconds - elapsed);
    }
}
