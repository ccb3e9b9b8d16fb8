using EdgeGateway.Uplink.Platforms;

namespace EdgeGateway.Platforms;

/// <summary>
/// Where the control socket's <c>platforms</c> command gets the links' state: a snapshot of each running platform
/// link (<c>PlatformLink.Status</c>). The host gives one that asks its links; tests give a fake.
/// </summary>
public interface IPlatformStatusSource
{
    /// <summary>One status per running link, in any order; a configured platform without one is shown as not started.</summary>
    IReadOnlyList<PlatformStatus> Snapshot();
}
