namespace EdgeGateway.Simulator.Signals;

/// <summary>
/// A channel's simulated engineering value as a pure function of time: the same signal asked about the same
/// instant always answers the same, so tests can predict what the simulator serves.
/// </summary>
public interface ISignal
{
    /// <summary>The engineering value at <paramref name="time"/>, in the channel's unit.</summary>
    double ValueAt(DateTimeOffset time);
}
