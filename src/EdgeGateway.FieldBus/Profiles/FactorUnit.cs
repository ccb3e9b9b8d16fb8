namespace EdgeGateway.FieldBus.Profiles;

/// <summary>What HJ 212-2017 Appendix B says about one factor code's units.</summary>
/// <param name="Code">The factor code, e.g. <c>a21026</c>.</param>
/// <param name="Unit">The unit of its -Rtd/-Min/-Avg/-Max values, e.g. <c>mg/m³</c>; empty for dimensionless pH.</param>
/// <param name="CumulativeUnit">The unit of its -Cou (a totaliser's unit): <c>m³</c> for flow, <c>kg</c> for a pollutant; null when the factor has no -Cou.</param>
/// <param name="MolarMass">g/mol of the gas, for ppm (µmol/mol) → mg/m³; null when no conversion applies.</param>
public sealed record FactorUnit(string Code, string Unit, string? CumulativeUnit, double? MolarMass = null);
