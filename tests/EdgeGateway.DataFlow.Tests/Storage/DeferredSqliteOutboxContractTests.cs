using EdgeGateway.Storage;

namespace EdgeGateway.DataFlow.Tests.Storage;

/// <summary>The service's outbox keeps the contract once it is open (here at once: the disk has room).</summary>
public sealed class DeferredSqliteOutboxContractTests : OutboxContractTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    protected override IOutbox CreateOutbox(OutboxRetention retention, IReadOnlyList<string> destinations) =>
        new DeferredSqliteOutbox(new SqliteOutboxOptions { Path = _directory.File("outbox.db"), Retention = retention, Destinations = destinations });

    public void Dispose() => _directory.Dispose();
}
