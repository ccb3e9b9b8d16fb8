using System.Collections.Concurrent;
using EdgeGateway.Pipeline;

namespace EdgeGateway.DataFlow.Tests.Pipeline;

/// <summary>Stands in for the store: records the size of every batch the consumer hands it (one transaction each).</summary>
internal sealed class BatchCountingStage : IReadingBatchHandler
{
    private readonly ConcurrentQueue<int> _sizes = new();

    public IReadOnlyList<int> BatchSizes => [.. _sizes];

    public void Handle(ReadOnlySpan<Reading> batch) => _sizes.Enqueue(batch.Length);

    public void Tick(DateTimeOffset now)
    {
    }
}
