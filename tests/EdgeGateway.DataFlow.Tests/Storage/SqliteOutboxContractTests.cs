using EdgeGateway.Storage;

namespace EdgeGateway.DataFlow.Tests.Storage;

public sealed class SqliteOutboxContractTests : OutboxContractTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    protected override IOutbox CreateOutbox(OutboxRetention retention) =>
        SqliteOutbox.Open(new SqliteOutboxOptions { Path = _directory.File("outbox.db"), Retention = retention });

    public void Dispose() => _directory.Dispose();
}
