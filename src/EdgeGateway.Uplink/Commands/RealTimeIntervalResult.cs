namespace EdgeGateway.Uplink.Commands;

/// <summary>The result of <c>get-rt-interval</c> and <c>set-rt-interval</c>.</summary>
/// <param name="Seconds">The interval now, in seconds.</param>
/// <param name="PreviousSeconds">Set only: the interval before.</param>
public sealed record RealTimeIntervalResult(double Seconds, double? PreviousSeconds);
