using System.Collections.Frozen;

namespace EdgeGateway.Pipeline.Aggregation;

/// <summary>
/// Tells pollutants from the rest by HJ 212 factor code and unit. A channel is a pollutant when its code is not a
/// condition code and its unit is a mass concentration: that keeps totalisers (a34013 in kg, w00000 in m³),
/// dissolved oxygen (w01009, mg/L but not a discharge) and diagnostics (i33001 in °C) out of Zs and Cou.
/// </summary>
internal static class FactorClassifier
{
    // Flow, O2, pH, water temperature, dissolved oxygen, conductivity. The a01 group (velocity, temperature,
    // pressure, humidity, area, dynamic pressure, ambient values) and the i/g/e codes are matched by prefix below.
    private static readonly FrozenSet<string> ConditionCodes =
        FrozenSet.ToFrozenSet(["a00000", "w00000", "a19001", "w01001", "w01009", "w01010", "w01014"], StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, double> KilogramsPerMassUnit = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["g"] = 1e-3,
        ["mg"] = 1e-6,
        ["ug"] = 1e-9,
        ["ng"] = 1e-12,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, double> CubicMetresPerVolumeUnit = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["m3"] = 1,
        ["nm3"] = 1,
        ["l"] = 1e-3,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, double> CubicMetresPerSecondPerFlowUnit = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["m3/s"] = 1,
        ["m3/h"] = 1.0 / 3600,
        ["l/s"] = 1e-3,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool IsConditionCode(string code) =>
        ConditionCodes.Contains(code)
        || code.StartsWith("a01", StringComparison.Ordinal)
        || code.StartsWith('i')
        || code.StartsWith('g')
        || code.StartsWith('e');

    /// <summary>kg/m³ per unit of a mass concentration such as mg/m³, mg/L, µg/L; false for anything else.</summary>
    public static bool TryGetConcentrationFactor(string unit, out double kilogramsPerCubicMetre)
    {
        kilogramsPerCubicMetre = 0;
        var parts = Normalize(unit).Split('/');
        if (parts.Length != 2
            || !KilogramsPerMassUnit.TryGetValue(parts[0], out var kilograms)
            || !CubicMetresPerVolumeUnit.TryGetValue(parts[1], out var cubicMetres))
        {
            return false;
        }

        kilogramsPerCubicMetre = kilograms / cubicMetres;
        return true;
    }

    /// <summary>m³/s per unit of a flow; an empty unit takes the outlet kind's unit (m³/s for flue gas, L/s for wastewater).</summary>
    public static bool TryGetFlowFactor(string unit, OutletKind kind, out double cubicMetresPerSecond)
    {
        var normalized = Normalize(unit);
        if (normalized.Length == 0)
        {
            cubicMetresPerSecond = kind == OutletKind.FlueGas ? 1 : 1e-3;
            return true;
        }

        return CubicMetresPerSecondPerFlowUnit.TryGetValue(normalized, out cubicMetresPerSecond);
    }

    // "mg/m³", "mg/Nm3", "µg/L" (micro sign or Greek mu) → "mg/m3", "mg/nm3", "ug/l".
    private static string Normalize(string unit) =>
        unit.Trim().Replace('³', '3').Replace('µ', 'u').Replace('μ', 'u').ToLowerInvariant();
}
