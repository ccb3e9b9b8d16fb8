using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Ring;

namespace EdgeGateway.DataFlow.Tests.Pipeline.Ring;

/// <summary>
/// What every <see cref="IRing{T}"/> promises, run once per implementation by a subclass, as System.Threading.Channels'
/// ChannelTestBase is. Items are <see cref="Reading"/>s whose channel names the producer and whose timestamp carries
/// the producer's sequence number.
/// </summary>
public abstract class RingContractTests
{
    private static CancellationToken TestCancellation => TestContext.Current.CancellationToken;

    /// <summary>Items accepted per stress case, shared among its producers; a subclass sizes it to its speed.</summary>
    protected virtual int StressItems => 200_000;

    /// <summary>A ring with the implementation's default settings.</summary>
    protected abstract IRing<Reading> CreateRing(int capacity);

    /// <summary>A ring whose consumer parks as soon as it finds nothing, so that every idle moment goes through the wake-up path.</summary>
    protected abstract IRing<Reading> CreateEagerlyParkingRing(int capacity);

    /// <summary>
    /// Returns once the consumer blocked in <c>WaitToRead</c> is asleep. The default cannot observe it (a channel hides its
    /// waiters) and gives it time; a test that writes too early still passes, for the right reason, just less sharply.
    /// </summary>
    protected virtual void WaitUntilConsumerSleeps(IRing<Reading> ring) => Thread.Sleep(100);

    internal static Reading Item(int producer, long sequence) =>
        new(producer, sequence, sequence, sequence, DataFlag.N, FlagReason.None);

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(64, 64)]
    [InlineData(100, 128)]
    [InlineData(1000, 1024)]
    public void Rounds_the_capacity_up_to_a_power_of_two(int requested, int expected)
    {
        using var ring = CreateRing(requested);

        Assert.Equal(expected, ring.Capacity);
        for (var i = 0; i < expected; i++)
        {
            Assert.True(ring.TryWrite(Item(0, i)));
        }

        Assert.False(ring.TryWrite(Item(0, expected)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData((1 << 30) + 1)]
    [InlineData(int.MaxValue)]
    public void Rejects_a_capacity_out_of_range_with_a_clear_message(int requested)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CreateRing(requested));

        Assert.Equal("capacity", error.ParamName);
        Assert.Contains("between 1 and 1073741824", error.Message, StringComparison.Ordinal);
        Assert.Contains("power of two", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keeps_one_producers_order_across_many_laps()
    {
        using var ring = CreateRing(8);
        var buffer = new Reading[5];
        long written = 0;
        long read = 0;

        // Writes of 1 to 7 items against drains of up to 5 walk the positions round the 8 slots at every offset.
        for (var round = 0; round < 500; round++)
        {
            var burst = 1 + (round % 7);
            for (var i = 0; i < burst && ring.TryWrite(Item(0, written)); i++)
            {
                written++;
            }

            var taken = ring.Drain(buffer);
            for (var i = 0; i < taken; i++)
            {
                Assert.Equal(read++, buffer[i].TimestampTicks);
            }
        }

        while (ring.TryRead(out var item))
        {
            Assert.Equal(read++, item.TimestampTicks);
        }

        Assert.Equal(written, read);
        Assert.True(written > 8 * 100, $"only {written} items went through");
        Assert.Equal(0, ring.Rejected);
    }

    [Fact]
    public void Copies_every_field_of_the_item()
    {
        using var ring = CreateRing(4);
        var reading = new Reading(17, 638_000_000_000_000_000, 1.25, double.NaN, DataFlag.B, FlagReason.NoAnswer);

        Assert.True(ring.TryWrite(reading));
        Assert.True(ring.TryRead(out var copy));

        Assert.Equal(reading, copy);
    }

    [Fact]
    public void TryRead_takes_the_oldest_item_and_answers_false_when_empty()
    {
        using var ring = CreateRing(4);

        Assert.False(ring.TryRead(out _));
        ring.TryWrite(Item(0, 1));
        ring.TryWrite(Item(0, 2));

        Assert.True(ring.TryRead(out var first));
        Assert.True(ring.TryRead(out var second));
        Assert.False(ring.TryRead(out _));
        Assert.Equal([1L, 2L], [first.TimestampTicks, second.TimestampTicks]);
    }

    [Fact]
    public void Count_follows_writes_and_reads()
    {
        using var ring = CreateRing(8);

        Assert.Equal(0, ring.Count);
        for (var i = 0; i < 5; i++)
        {
            ring.TryWrite(Item(0, i));
        }

        Assert.Equal(5, ring.Count);
        ring.Drain(new Reading[2]);
        Assert.Equal(3, ring.Count);
        ring.Drain(new Reading[8]);
        Assert.Equal(0, ring.Count);
    }

    [Fact]
    public void A_full_ring_refuses_counts_and_reports_each_overflow_episode_once()
    {
        using var ring = CreateRing(8);
        var reports = new List<long>();
        ring.Overflowed += reports.Add;
        for (var i = 0; i < 8; i++)
        {
            Assert.True(ring.TryWrite(Item(0, i)));
        }

        Assert.False(ring.TryWrite(Item(0, 100)));
        Assert.False(ring.TryWrite(Item(0, 101)));

        Assert.Equal(2, ring.Rejected);
        Assert.Equal([1L], reports);
        Assert.Equal(8, ring.Count);
    }

    [Fact]
    public void Writes_succeed_again_after_a_drain_and_a_new_overflow_is_reported_again()
    {
        using var ring = CreateRing(8);
        var reports = new List<long>();
        ring.Overflowed += reports.Add;
        for (var i = 0; i < 9; i++)
        {
            ring.TryWrite(Item(0, i));
        }

        var buffer = new Reading[16];
        var taken = ring.Drain(buffer);

        // The refused item is not in the ring: the first eight come out and nothing else.
        Assert.Equal(8, taken);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (long)i), buffer[..8].Select(r => r.TimestampTicks));
        for (var i = 0; i < 8; i++)
        {
            Assert.True(ring.TryWrite(Item(0, 10 + i)));
        }

        Assert.False(ring.TryWrite(Item(0, 18)));
        Assert.Equal(2, ring.Rejected);
        Assert.Equal([1L, 2L], reports);
    }

    [Fact]
    public void Drains_into_a_small_span_in_batches_oldest_first()
    {
        using var ring = CreateRing(16);
        for (var i = 0; i < 10; i++)
        {
            ring.TryWrite(Item(0, i));
        }

        var buffer = new Reading[3];
        var batches = new List<int>();
        var order = new List<long>();
        int taken;
        while ((taken = ring.Drain(buffer)) > 0)
        {
            batches.Add(taken);
            order.AddRange(buffer[..taken].Select(r => r.TimestampTicks));
        }

        Assert.Equal([3, 3, 3, 1], batches);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), order);
    }

    [Fact]
    public void Drains_everything_into_a_large_span_and_nothing_into_an_empty_one()
    {
        using var ring = CreateRing(16);
        for (var i = 0; i < 10; i++)
        {
            ring.TryWrite(Item(0, i));
        }

        Assert.Equal(0, ring.Drain([]));
        var buffer = new Reading[100];

        Assert.Equal(10, ring.Drain(buffer));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), buffer[..10].Select(r => r.TimestampTicks));
        Assert.Equal(0, ring.Drain(buffer));
    }

    [Fact]
    public void After_Complete_writes_are_refused_and_the_consumer_drains_the_rest_then_sees_completion()
    {
        using var ring = CreateRing(8);
        var reports = new List<long>();
        ring.Overflowed += reports.Add;
        for (var i = 0; i < 3; i++)
        {
            ring.TryWrite(Item(0, i));
        }

        ring.Complete();

        Assert.False(ring.TryWrite(Item(0, 3)));
        Assert.Equal(1, ring.Rejected);
        Assert.Empty(reports);
        Assert.Equal(RingWaitResult.ItemsAvailable, ring.WaitToRead(TimeSpan.Zero, TestCancellation));
        var buffer = new Reading[8];
        Assert.Equal(3, ring.Drain(buffer));
        Assert.Equal([0L, 1L, 2L], buffer[..3].Select(r => r.TimestampTicks));
        Assert.Equal(RingWaitResult.Completed, ring.WaitToRead(TimeSpan.FromSeconds(10), TestCancellation));
        Assert.False(ring.WaitToRead(TestCancellation));
        Assert.Equal(0, ring.Drain(buffer));
    }

    [Fact]
    public void Complete_is_idempotent()
    {
        using var ring = CreateRing(4);
        ring.TryWrite(Item(0, 0));

        ring.Complete();
        ring.Complete();

        Assert.True(ring.TryRead(out _));
        Assert.Equal(RingWaitResult.Completed, ring.WaitToRead(TimeSpan.Zero, TestCancellation));
    }

    [Fact]
    public void WaitToRead_returns_at_once_when_an_item_is_there()
    {
        using var ring = CreateRing(4);
        ring.TryWrite(Item(0, 0));

        Assert.Equal(RingWaitResult.ItemsAvailable, ring.WaitToRead(TimeSpan.Zero, TestCancellation));
        Assert.True(ring.WaitToRead(TestCancellation));
        Assert.Equal(1, ring.Count);
    }

    [Fact]
    public void WaitToRead_times_out_when_nothing_is_written()
    {
        using var ring = CreateRing(4);

        Assert.Equal(RingWaitResult.TimedOut, ring.WaitToRead(TimeSpan.Zero, TestCancellation));
        Assert.Equal(RingWaitResult.TimedOut, ring.WaitToRead(TimeSpan.FromMilliseconds(30), TestCancellation));
    }

    [Fact]
    public void WaitToRead_rejects_a_negative_timeout()
    {
        using var ring = CreateRing(4);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ring.WaitToRead(TimeSpan.FromMilliseconds(-2), TestCancellation));

        Assert.Equal("timeout", error.ParamName);
    }

    [Fact]
    public async Task A_parked_consumer_wakes_when_a_producer_writes()
    {
        using var ring = CreateRing(4);

        // The wait's own limit is only a backstop for a lost wake-up; the verdict is what it answers.
        var cancellation = TestCancellation;
        var waiting = StartConsumer(() => ring.WaitToRead(TimeSpan.FromSeconds(20), cancellation));
        WaitUntilConsumerSleeps(ring);
        Assert.False(waiting.IsCompleted);
        Assert.True(ring.TryWrite(Item(0, 42)));

        Assert.Equal(RingWaitResult.ItemsAvailable, await waiting);
        Assert.True(ring.TryRead(out var item));
        Assert.Equal(42, item.TimestampTicks);
    }

    [Fact]
    public async Task A_parked_consumer_wakes_when_the_ring_is_completed()
    {
        using var ring = CreateRing(4);

        var cancellation = TestCancellation;
        var waiting = StartConsumer(() => ring.WaitToRead(TimeSpan.FromSeconds(20), cancellation));
        WaitUntilConsumerSleeps(ring);
        ring.Complete();

        Assert.Equal(RingWaitResult.Completed, await waiting);
    }

    [Fact]
    public async Task Cancelling_a_parked_wait_throws_and_leaves_the_ring_usable()
    {
        using var ring = CreateRing(4);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestCancellation);

        var waiting = StartConsumer(() => ring.WaitToRead(Timeout.InfiniteTimeSpan, stop.Token));
        WaitUntilConsumerSleeps(ring);
        await stop.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(stop.Token, error.CancellationToken);
        Assert.True(ring.TryWrite(Item(0, 7)));
        Assert.Equal(RingWaitResult.ItemsAvailable, ring.WaitToRead(TimeSpan.FromSeconds(10), TestCancellation));
        Assert.True(ring.TryRead(out var item));
        Assert.Equal(7, item.TimestampTicks);
        Assert.Equal(RingWaitResult.TimedOut, ring.WaitToRead(TimeSpan.Zero, TestCancellation));
    }

    [Fact]
    public void A_cancelled_token_throws_before_waiting_even_when_items_are_there()
    {
        using var ring = CreateRing(4);
        ring.TryWrite(Item(0, 0));

        Assert.ThrowsAny<OperationCanceledException>(() => ring.WaitToRead(new CancellationToken(canceled: true)));
        Assert.Equal(1, ring.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void No_wake_up_is_lost_when_every_item_finds_the_consumer_going_to_sleep(bool parkEagerly)
    {
        // Ping-pong: the producer writes only after the consumer took the previous item, so each write races the
        // consumer's next park. A lost wake-up leaves the consumer asleep with an item in the ring: its 10 s wait
        // answers TimedOut instead of ItemsAvailable (the limit is a backstop, not a timing assertion).
        const int Rounds = 2000;
        using var ring = parkEagerly ? CreateEagerlyParkingRing(4) : CreateRing(4);
        var cancellation = TestCancellation;
        var taken = 0;
        var failure = (string?)null;
        var consumer = new Thread(() =>
        {
            for (var i = 0; i < Rounds; i++)
            {
                var result = ring.WaitToRead(TimeSpan.FromSeconds(10), cancellation);
                if (result != RingWaitResult.ItemsAvailable || !ring.TryRead(out var item) || item.TimestampTicks != i)
                {
                    Volatile.Write(ref failure, $"round {i}: WaitToRead answered {result}");
                    return;
                }

                Volatile.Write(ref taken, i + 1);
            }
        })
        { IsBackground = true, Name = "ring consumer" };
        consumer.Start();

        // Pauses of 0 to about 20 µs move the write across the consumer's spin, announcement, re-check and sleep.
        var pauses = new Random(1234);
        for (var i = 0; i < Rounds && Volatile.Read(ref failure) is null; i++)
        {
            Thread.SpinWait(pauses.Next(0, 400));
            Assert.True(ring.TryWrite(Item(0, i)));
            var next = i + 1;
            Assert.True(
                SpinWait.SpinUntil(() => Volatile.Read(ref taken) == next || Volatile.Read(ref failure) is not null, TimeSpan.FromSeconds(30)),
                $"the consumer did not take item {i}");
        }

        Assert.True(consumer.Join(TimeSpan.FromSeconds(30)));
        Assert.Null(failure);
        Assert.Equal(Rounds, taken);
    }

    [Theory]
    [InlineData(2, 64, false)]
    [InlineData(4, 64, false)]
    [InlineData(3, 64, true)]
    [InlineData(2, 1024, true)]
    public void Many_producers_every_accepted_item_arrives_once_and_in_producer_order(int producers, int capacity, bool slowConsumer)
    {
        var itemsPerProducer = StressItems / producers;
        using var ring = slowConsumer ? CreateRing(capacity) : CreateEagerlyParkingRing(capacity);

        var result = RingStress.Run(ring, producers, itemsPerProducer, slowConsumer, TestCancellation);

        Assert.Null(result.Failure);
        for (var producer = 0; producer < producers; producer++)
        {
            Assert.Equal(itemsPerProducer, result.Accepted[producer].Count);
            Assert.Equal(result.Accepted[producer], result.Consumed[producer]);
        }

        Assert.Equal(result.Refused.Sum(), ring.Rejected);
        Assert.Equal(result.Attempted.Sum(), result.Consumed.Sum(list => (long)list.Count) + ring.Rejected);
        Assert.Equal(0, ring.Count);
        Assert.Equal(RingWaitResult.Completed, ring.WaitToRead(TimeSpan.Zero, TestCancellation));
        TestContext.Current.SendDiagnosticMessage(
            $"{GetType().Name}: {producers} producers, capacity {capacity}: {result.Consumed.Sum(l => l.Count)} consumed, {ring.Rejected} refused, {result.Overflows} overflow episodes");
    }

    private static Task<T> StartConsumer<T>(Func<T> wait) =>
        Task.Factory.StartNew(wait, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
