namespace EdgeGateway.Hardware;

/// <summary>What a status LED does; the timings are in <see cref="LedPatterns"/> and hardware/README.md.</summary>
internal enum LedPattern
{
    Off,

    On,

    /// <summary>Two 100 ms flashes per second: the gateway's loops are running.</summary>
    Heartbeat,

    /// <summary>500 ms on, 500 ms off.</summary>
    SlowBlink,

    /// <summary>100 ms on, 100 ms off.</summary>
    FastBlink,
}
