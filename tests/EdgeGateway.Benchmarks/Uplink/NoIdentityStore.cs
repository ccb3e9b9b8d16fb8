using EdgeGateway.Uplink.Platforms;

namespace EdgeGateway.Benchmarks.Uplink;

/// <summary>An identity store that keeps nothing: the bench's platform never changes the gateway's identity.</summary>
internal sealed class NoIdentityStore : IPlatformIdentityStore
{
    public PlatformIdentity? Load(string platformName) => null;

    public void Save(string platformName, PlatformIdentity identity)
    {
    }
}
