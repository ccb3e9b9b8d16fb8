namespace EdgeGateway.Pipeline.Aggregation;

/// <summary>One channel of an outlet, resolved from the rules and the channel table.</summary>
/// <param name="Index">Channel index in the channel table.</param>
/// <param name="Role">What the channel is within the outlet.</param>
/// <param name="KilogramsPerCubicMetrePerUnit">For a pollutant, kg/m³ per unit of its concentration (1e-6 for mg/m³, 1e-3 for mg/L); otherwise 0.</param>
/// <param name="TotalLocal">Position in the outlet of the totaliser that counts this channel up (its Cou comes from the counter), −1 when none.</param>
internal readonly record struct OutletChannel(int Index, ChannelRole Role, double KilogramsPerCubicMetrePerUnit, int TotalLocal = -1)
{
    public bool HasTotal => TotalLocal >= 0;
}
