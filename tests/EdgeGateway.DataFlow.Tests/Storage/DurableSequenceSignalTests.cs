using EdgeGateway.DataFlow.Tests.Pipeline;
using EdgeGateway.Storage;
using static EdgeGateway.DataFlow.Tests.Storage.StorageTestData;

namespace EdgeGateway.DataFlow.Tests.Storage;

/// <summary>"Durable up to N", told by the appender and awaited by the publisher instead of polled.</summary>
public sealed class DurableSequenceSignalTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_waiter_wakes_only_when_the_durable_sequence_rises()
    {
        var signal = new DurableSequenceSignal(5);
        var waiting = signal.WaitBeyondAsync(5, TestContext.Current.CancellationToken);

        signal.Advance(5);
        signal.Advance(3);
        Assert.False(waiting.IsCompleted);
        Assert.Equal(5, signal.Sequence);

        signal.Advance(7);
        Assert.Equal(7, await waiting.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
        Assert.Equal(7, await signal.WaitBeyondAsync(6, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void The_appender_tells_what_the_outbox_made_durable_and_nothing_more()
    {
        using var outbox = SqliteOutbox.Open(new SqliteOutboxOptions { Path = _directory.File("outbox.db"), Synchronous = OutboxSynchronous.Normal });
        var appender = new OutboxAppender(outbox, new OutboxAppenderOptions { Time = new SettableTime(T0) });

        appender.Handle(Readings(100, T0));
        Assert.Equal(0, appender.Durability.Sequence);

        appender.Tick(T0.AddSeconds(1));
        Assert.Equal(100, outbox.DurableSequence);
        Assert.Equal(100, appender.Durability.Sequence);

        appender.Handle(Readings(10, T0, firstIndex: 100));
        appender.MakeDurable();
        Assert.Equal(110, appender.Durability.Sequence);
    }
}
