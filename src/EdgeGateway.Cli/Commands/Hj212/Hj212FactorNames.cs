namespace EdgeGateway.Cli.Commands.Hj212;

/// <summary>
/// English names of the common factor and field-information codes of HJ 212-2017 Appendix B (Tables B.1, B.2, B.10), for reports a human
/// reads. Codes not listed are shown without a name.
/// </summary>
internal static class Hj212FactorNames
{
    /// <summary>The factor's name, e.g. <c>COD</c> for <c>w01018</c>, or null for a code not listed.</summary>
    public static string? Describe(string factorCode) => factorCode switch
    {
        // Flue gas, Table B.2.
        "a34013" => "particulate",
        "a21026" => "SO2",
        "a21002" => "NOx",
        "a21003" => "NO",
        "a21004" => "NO2",
        "a21005" => "CO",
        "a21001" => "NH3",
        "a21024" => "HCl",
        "a21018" => "fluoride",
        "a05001" => "CO2",
        "a24088" => "non-methane hydrocarbons",
        "a05002" => "CH4",
        "a19001" => "O2",
        "a00000" => "flue-gas flow",
        "a01011" => "flue-gas velocity",
        "a01012" => "flue-gas temperature",
        "a01013" => "flue-gas pressure",
        "a01014" => "flue-gas humidity",
        "a01015" => "chiller temperature",
        "a01016" => "duct cross-section area",
        "a01017" => "flue-gas dynamic pressure",

        // Wastewater, Table B.1.
        "w00000" => "wastewater flow",
        "w01018" => "COD",
        "w21003" => "NH3-N",
        "w21011" => "total phosphorus",
        "w21001" => "total nitrogen",
        "w01001" => "pH",
        "w01010" => "water temperature",
        "w01012" => "suspended solids",
        "w01020" => "TOC",
        "w01019" => "permanganate index",
        "w01009" => "dissolved oxygen",
        "w01014" => "conductivity",
        "w01017" => "BOD5",
        "w22001" => "petroleum oils",

        // Field information, Table B.10.
        "i11001" => "instrument log",
        "i12001" => "instrument work state",
        "i12002" => "analyser-to-logger communication state",
        "i21001" => "data logger log",
        "i22001" => "data logger state",
        "i22003" => "logger-to-host communication state",
        _ => null,
    };
}
