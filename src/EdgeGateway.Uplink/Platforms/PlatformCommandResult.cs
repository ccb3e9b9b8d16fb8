using EdgeGateway.Hj212.Codes;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>How a device command ended: the 9012 <c>ExeRtn</c> and a line for the log and status.</summary>
public sealed record PlatformCommandResult(Hj212ExeRtn ExeRtn, string Detail)
{
    public bool Succeeded => ExeRtn == Hj212ExeRtn.Success;
}
