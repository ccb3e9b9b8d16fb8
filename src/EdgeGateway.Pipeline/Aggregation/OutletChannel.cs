namespace EdgeGateway.Pipeline.Aggregation;

/// <summary>One channel of an outlet, resolved from the rules and the channel table.</summary>
/// <param name="Index">Channel index in the channel table.</param>
/// <param name="Role">What the channel is within the outlet.</param>
/// <param name="KilogramsPerCubicMetrePerUnit">For a pollutant, kg/m³ per unit of its concentration (1e-6 for mg/m³, 1e-3 for mg/L); otherwise 0.</param>
internal readonly record struct OutletChannel(int Index, ChannelRole Role, double KilogramsPerCubicMetrePerUnit);
