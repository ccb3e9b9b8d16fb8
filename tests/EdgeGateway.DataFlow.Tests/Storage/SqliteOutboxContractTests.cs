using EdgeGateway.Storage;

namespace EdgeGateway.DataFlow.Tests.Storage;

public sealed class SqliteOutboxContractTests : OutboxContractTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    protected override IOutbox CreateOutbox(OutboxRetention retention, IReadOnlyList<string> destinations) =>
        SqliteOutbox.Open(new SqliteOutboxOptions { Path = _directory.File("outbox.db"), Retention = retention, Destinations = destinations });

    public void Dispose() => _directory.Dispose();
}
