using EdgeGateway.Storage;
using EdgeGateway.Testing.Storage;

namespace EdgeGateway.DataFlow.Tests.Storage;

public sealed class InMemoryOutboxContractTests : OutboxContractTests
{
    protected override IOutbox CreateOutbox(OutboxRetention retention, IReadOnlyList<string> destinations) => new InMemoryOutbox(retention, destinations);
}
