namespace EdgeGateway.FieldBus.Polling;

/// <summary>How one device is polled.</summary>
public sealed record DevicePollSettings
{
    /// <summary>Time between the starts of two poll cycles. HJ 75 asks for a value at least every 5 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait for each answer; sub-second values are fine on a healthy bus.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Repeats of a request that got no valid answer.</summary>
    public int Retries { get; init; } = 1;

    /// <summary>
    /// After this many cycles in a row without any answer, the device is in an outage (degraded; Neuron's
    /// "degrade_cycle"): a comm-loss event is sent, and it is only probed every <see cref="ProbeInterval"/>.
    /// </summary>
    public int DegradeAfterFailedCycles { get; init; } = 3;

    /// <summary>
    /// How often a device in an outage is actually asked (with no retries), so it costs the other devices of its bus at
    /// most one timeout per probe interval. Its polls in between still yield B readings at <see cref="PollInterval"/>,
    /// without touching the bus; it is back within one probe interval of answering again.
    /// </summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(10);
}
