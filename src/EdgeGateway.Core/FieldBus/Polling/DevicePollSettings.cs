namespace EdgeGateway.Core.FieldBus.Polling;

/// <summary>How one device is polled.</summary>
public sealed record DevicePollSettings
{
    /// <summary>Time between the starts of two poll cycles. HJ 75 asks for a value at least every 5 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait for each answer; sub-second values are fine on a healthy bus.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Repeats of a request that got no valid answer.</summary>
    public int Retries { get; init; } = 1;

    /// <summary>After this many cycles in a row without any answer, the device is degraded (Neuron's "degrade_cycle").</summary>
    public int DegradeAfterFailedCycles { get; init; } = 3;

    /// <summary>A degraded device is tried only this often until it answers, so it costs the bus almost nothing.</summary>
    public TimeSpan DegradedPollInterval { get; init; } = TimeSpan.FromSeconds(30);
}
