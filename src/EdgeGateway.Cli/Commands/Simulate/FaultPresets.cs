using EdgeGateway.Simulator.Faults;

namespace EdgeGateway.Cli.Commands.Simulate;

/// <summary>The <c>--faults</c> levels of <c>egw simulate</c>.</summary>
internal static class FaultPresets
{
    /// <summary>A fresh array per call: a shared static array could be changed by any caller.</summary>
    public static string[] Names => ["none", "light", "heavy"];

    public static FaultRates Parse(string name) => name switch
    {
        "light" => FaultRates.Light,
        "heavy" => FaultRates.Heavy,
        _ => FaultRates.None,
    };
}
