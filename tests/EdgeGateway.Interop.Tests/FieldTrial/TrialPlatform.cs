using EdgeGateway.Hj212.Codes;
using EdgeGateway.Simulator.Hj212Platform;

namespace EdgeGateway.Interop.Tests.FieldTrial;

/// <summary>One HJ 212 platform of the trial as the checker sees it: its name in gateway.json, its simulator and the MN it registered.</summary>
internal sealed record TrialPlatform(string Name, Hj212PlatformSimulator Simulator, string Mn)
{
    public bool Is2025 => Simulator.Edition == Hj212Edition.Edition2025;
}
