namespace EdgeGateway.Hardware;

/// <summary>
/// The timing of each <see cref="LedPattern"/>, as a function of the time since the LEDs started, so every LED's
/// blinking is in step and a test can drive the clock tick by tick.
/// </summary>
internal static class LedPatterns
{
    /// <summary>True when an LED showing <paramref name="pattern"/> is lit <paramref name="elapsed"/> after the start.</summary>
    public static bool IsLit(this LedPattern pattern, TimeSpan elapsed)
    {
        var milliseconds = (long)Math.Max(0, elapsed.TotalMilliseconds);
        return pattern switch
        {
            LedPattern.Off => false,
            LedPattern.On => true,
            LedPattern.Heartbeat => (milliseconds % 1000) is < 100 or (>= 200 and < 300),
            LedPattern.SlowBlink => milliseconds % 1000 < 500,
            LedPattern.FastBlink => milliseconds % 200 < 100,
            _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "not an LED pattern"),
        };
    }
}
