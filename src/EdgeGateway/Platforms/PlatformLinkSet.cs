using EdgeGateway.Uplink.Platforms;

namespace EdgeGateway.Platforms;

/// <summary>
/// The service's HJ 212 platform links, one per entry of gateway.json's <c>platforms</c> (a disabled one is built but
/// never dials, so its outbox cursor is kept): started and stopped together, and asked for <c>egw platforms</c>.
/// </summary>
internal sealed class PlatformLinkSet(IReadOnlyList<PlatformLink> links) : IPlatformStatusSource, IAsyncDisposable
{
    public IReadOnlyList<PlatformLink> Links { get; } = links;

    public IReadOnlyList<PlatformStatus> Snapshot() => [.. Links.Select(link => link.Status)];

    public void Start()
    {
        foreach (var link in Links)
        {
            link.Start();
        }
    }

    /// <summary>Stops every link at once: one platform that is slow to hang up does not hold up the others.</summary>
    public Task StopAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Links.Select(link => link.StopAsync(cancellationToken)));

    public async ValueTask DisposeAsync()
    {
        foreach (var link in Links)
        {
            await link.DisposeAsync().ConfigureAwait(false);
        }
    }
}
