using System.Net;

namespace EdgeGateway.Simulator.Hj212Platform;

/// <summary>A snapshot of one logger connection the platform simulator accepted.</summary>
/// <param name="Id">Connection number, from 1, in order of acceptance.</param>
/// <param name="Remote">The logger's address and port.</param>
/// <param name="ConnectedAt">When it was accepted.</param>
/// <param name="ClosedAt">When it ended (by either side); null while open.</param>
/// <param name="Mn">MN of the last packet decoded on it; null before the first.</param>
/// <param name="PacketsReceived">Frames received on it.</param>
public sealed record Hj212PlatformConnectionInfo(
    long Id,
    EndPoint? Remote,
    DateTimeOffset ConnectedAt,
    DateTimeOffset? ClosedAt,
    string? Mn,
    long PacketsReceived)
{
    /// <summary>True while the connection is open.</summary>
    public bool IsOpen => ClosedAt is null;
}
