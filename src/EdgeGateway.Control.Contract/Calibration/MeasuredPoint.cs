namespace EdgeGateway.Control.Contract.Calibration;

/// <summary>A zero or span point as the gateway measured it: the reference applied and the analyzer's averaged answer.</summary>
/// <param name="Reference">The zero gas, span gas or standard solution's value, in the channel's unit.</param>
/// <param name="Measured">The mean of the analyzer's readings while averaging, before any gateway calibration.</param>
/// <param name="Samples">How many readings the mean is made of.</param>
/// <param name="StandardDeviation">Their standard deviation: a large one means the reading had not settled.</param>
/// <param name="Drift">Mean of the second half of the averaging minus mean of the first: still moving if large.</param>
/// <param name="At">When the averaging ended (UTC).</param>
/// <param name="User">Who measured it.</param>
public sealed record MeasuredPoint(double Reference, double Measured, int Samples, double StandardDeviation, double Drift, DateTimeOffset At, string User)
{
    public override string ToString() =>
        FormattableString.Invariant($"reference {Reference:0.###}, read {Measured:0.###} (n={Samples}, sd {StandardDeviation:0.###}, drift {Drift:0.###}) at {At.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} by {User}");
}
