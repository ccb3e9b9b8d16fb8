using EdgeGateway.Platforms;
using EdgeGateway.Uplink.Platforms;

namespace EdgeGateway.Service.Tests.Platforms;

/// <summary>The links' state as the test sets it.</summary>
internal sealed class FakePlatformStatusSource : IPlatformStatusSource
{
    public List<PlatformStatus> Statuses { get; } = [];

    public IReadOnlyList<PlatformStatus> Snapshot() => [.. Statuses];
}
