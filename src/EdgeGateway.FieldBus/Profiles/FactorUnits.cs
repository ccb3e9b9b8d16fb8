using System.Collections.Frozen;

namespace EdgeGateway.FieldBus.Profiles;

/// <summary>
/// The units HJ 212-2017 Appendix B (Tables B.1, B.2) gives the factor codes profiles use, and the conversion of a gas
/// concentration from ppm (µmol/mol) to mg/m³ at standard conditions (273.15 K, 101.325 kPa). Codes not listed are not
/// checked (diagnostic i codes, process codes, rarer factors).
/// </summary>
public static class FactorUnits
{
    /// <summary>Molar volume of an ideal gas at 273.15 K and 101.325 kPa, L/mol (HJ 212 Annex D eq. 20 rounds it to 22.4).</summary>
    public const double MolarVolumeLitres = 22.414;

    private const string MassConcentration = "mg/m³";
    private const string WaterConcentration = "mg/L";

    private static readonly FrozenDictionary<string, FactorUnit> ByCode = new FactorUnit[]
    {
        // Flue gas, Table B.2. NOx is reported as NO2, so it converts with NO2's molar mass.
        new("a34013", MassConcentration, "kg"),
        new("a21026", MassConcentration, "kg", 64.066),
        new("a21002", MassConcentration, "kg", 46.0055),
        new("a21003", MassConcentration, "kg", 30.006),
        new("a21004", MassConcentration, "kg", 46.0055),
        new("a21005", MassConcentration, "kg", 28.010),
        new("a21024", MassConcentration, "kg", 36.461),
        new("a21018", MassConcentration, "kg"),
        new("a24088", MassConcentration, "kg"),
        new("a19001", "%", null),
        new("a00000", "m³/s", "m³"),
        new("a01011", "m/s", null),
        new("a01012", "°C", null),
        new("a01013", "kPa", null),
        new("a01014", "%", null),
        new("a01015", "°C", null),
        new("a01016", "m²", null),
        new("a01017", "kPa", null),

        // Wastewater, Table B.1.
        new("w00000", "L/s", "m³"),
        new("w01018", WaterConcentration, "kg"),
        new("w21003", WaterConcentration, "kg"),
        new("w21011", WaterConcentration, "kg"),
        new("w21001", WaterConcentration, "kg"),
        new("w01001", "", null),
        new("w01010", "°C", null),
        new("w01012", WaterConcentration, "kg"),
        new("w01020", WaterConcentration, "kg"),
        new("w01019", WaterConcentration, "kg"),
        new("w01009", WaterConcentration, null),
        new("w01014", "µS/cm", null),
        new("w01017", WaterConcentration, "kg"),
        new("w22001", WaterConcentration, "kg"),
    }.ToFrozenDictionary(unit => unit.Code, StringComparer.Ordinal);

    /// <summary>The code's units, or null for a code this table does not know (its unit is then not checked).</summary>
    public static FactorUnit? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>Whether two spellings name one unit: <c>m³</c> = <c>m3</c>, <c>mg/Nm³</c> = <c>mg/m³</c> (standard state), <c>µ</c> = <c>u</c>, case aside.</summary>
    public static bool SameUnit(string a, string b) => string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);

    /// <summary>Whether <paramref name="unit"/> is a volume fraction in ppm: <c>ppm</c>, <c>µmol/mol</c>.</summary>
    public static bool IsPartsPerMillion(string unit) => Normalize(unit) is "ppm" or "umol/mol";

    /// <summary>mg/m³ per ppm of a gas of <paramref name="molarMass"/> g/mol at standard conditions: M / 22.414.</summary>
    public static double MilligramsPerCubicMetrePerPpm(double molarMass) => molarMass / MolarVolumeLitres;

    /// <summary>
    /// Why <paramref name="unit"/> does not fit <paramref name="code"/>, or null when it does (or the code is unknown). A
    /// totaliser's unit is the code's -Cou unit; a ppm value of a gas with a molar mass fits, as it is converted.
    /// </summary>
    public static string? Mismatch(string code, string unit, bool isTotal)
    {
        if (Find(code) is not { } expected)
        {
            return null;
        }

        if (isTotal)
        {
            return expected.CumulativeUnit switch
            {
                null => $"a totaliser of {code}, which has no cumulative (-Cou) value in HJ 212",
                { } cumulative when SameUnit(unit, cumulative) => null,
                { } cumulative => $"unit '{unit}' of a totaliser of {code} is not '{cumulative}', the unit of {code}-Cou",
            };
        }

        if (SameUnit(unit, expected.Unit) || (IsPartsPerMillion(unit) && expected.MolarMass is not null))
        {
            return null;
        }

        var expectedText = expected.Unit.Length == 0 ? "no unit (dimensionless)" : $"'{expected.Unit}'";
        var ppm = expected.MolarMass is not null ? " (or ppm, converted to mg/m³)" : "";
        return $"unit '{unit}' cannot be converted to {expectedText}{ppm}, the HJ 212 unit of {code}";
    }

    // "mg/Nm³", "µS/cm" (micro sign or Greek mu), "M3/S" → "mg/m3", "us/cm", "m3/s"; "℃" (as Chinese manuals write
    // it), "C", "degC" → "°c".
    private static string Normalize(string unit)
    {
        var normalized = unit.Trim().Replace('³', '3').Replace('²', '2').Replace('µ', 'u').Replace('μ', 'u').ToLowerInvariant()
            .Replace("nm3", "m3", StringComparison.Ordinal);
        return normalized is "℃" or "c" or "degc" or "deg c" ? "°c" : normalized;
    }
}
