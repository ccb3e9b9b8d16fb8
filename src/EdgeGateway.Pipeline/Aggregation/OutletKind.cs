namespace EdgeGateway.Pipeline.Aggregation;

/// <summary>What an outlet discharges; it decides the record-flag rule and the flow unit.</summary>
public enum OutletKind
{
    /// <summary>A stack monitored by a CEMS (HJ 75): record flags by the ≥ 75 % rule, flow a00000 in m³/s.</summary>
    FlueGas,

    /// <summary>A wastewater outlet (HJ 353-356): record flags by the any-abnormal rule, flow w00000 in L/s.</summary>
    Wastewater,
}
