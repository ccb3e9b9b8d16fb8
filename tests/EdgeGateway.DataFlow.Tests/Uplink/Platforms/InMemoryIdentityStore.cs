using System.Collections.Concurrent;
using EdgeGateway.Uplink.Platforms;

namespace EdgeGateway.DataFlow.Tests.Uplink.Platforms;

internal sealed class InMemoryIdentityStore : IPlatformIdentityStore
{
    private readonly ConcurrentDictionary<string, PlatformIdentity> _saved = new(StringComparer.Ordinal);

    public PlatformIdentity? Load(string platformName) => _saved.TryGetValue(platformName, out var identity) ? identity : null;

    public void Save(string platformName, PlatformIdentity identity) => _saved[platformName] = identity;
}
