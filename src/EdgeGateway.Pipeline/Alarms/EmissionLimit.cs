namespace EdgeGateway.Pipeline.Alarms;

/// <summary>One channel's permitted limit and the rules that watch it.</summary>
/// <param name="Channel">The channel index in the channel table.</param>
/// <param name="Key">The channel key (<c>cems.so2</c>), for events.</param>
/// <param name="Quantity">What the limit applies to.</param>
/// <param name="Limit">The limit, in the channel's unit.</param>
/// <param name="PreWarningFraction">A pre-warning when the rolling average passes this fraction of the limit (0.8); null: none.</param>
/// <param name="PreWarningWindow">The rolling window of valid minute averages the pre-warning looks at (15 minutes).</param>
/// <param name="Hysteresis">An alarm clears only below (1 − this) × its threshold (0.05), so a value hovering at it does not flap.</param>
/// <param name="Sampler">The device whose profile's <c>retainSample</c> command keeps a sample when this limit is exceeded (HJ 212 CN 3015); null: none.</param>
public sealed record EmissionLimit(int Channel, string Key, LimitQuantity Quantity, double Limit, double? PreWarningFraction, TimeSpan PreWarningWindow, double Hysteresis, string? Sampler = null)
{
    /// <summary>The value the pre-warning compares: the limit times its fraction.</summary>
    public double? PreWarningThreshold => PreWarningFraction * Limit;

    /// <summary>Whether the limit is about the converted (Zs) value.</summary>
    public bool IsConverted => Quantity is LimitQuantity.RealTimeConverted or LimitQuantity.HourlyConverted;
}
