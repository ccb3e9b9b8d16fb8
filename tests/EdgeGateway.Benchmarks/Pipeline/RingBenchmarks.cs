using System.Collections.Concurrent;
using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Ring;

namespace EdgeGateway.Benchmarks.Pipeline;

/// <summary>
/// Bus threads to the storage consumer: 1,000,000 <see cref="Reading"/>s per invocation from 1 or 2 producer threads
/// through our <see cref="MpscRing{T}"/>, a bounded channel (single reader) and an (unbounded)
/// <see cref="ConcurrentQueue{T}"/>. Mean is per item, so items per second = 1e9 / Mean[ns]; Allocated is per item.
/// Filter with <c>*Ring*</c>.
/// </summary>
/// <remarks>
/// The producer threads live for the whole run and are released once per invocation, so thread start-up is neither
/// timed nor counted as allocation; the consumer is the benchmark's own thread (for the channel, the async
/// continuation it is built for). Producers never block: on a full ring or channel they retry after a
/// <see cref="SpinWait"/> (which yields), as a bus thread cannot wait either. Both bounded structures hold
/// <see cref="Capacity"/> items; the ring's refused retries also count in its <see cref="IRing{T}.Rejected"/>.
/// </remarks>
[MemoryDiagnoser]
public class RingBenchmarks
{
    private const int ItemsPerInvocation = 1_000_000;
    private const int Capacity = 4096;
    private const int DrainBatch = 256;

    private readonly Reading[] _batch = new Reading[DrainBatch];
    private readonly SemaphoreSlim _startProducers = new(0);
    private readonly CountdownEvent _producersDone = new(1);
    private MpscRing<Reading> _ring = null!;
    private Channel<Reading> _channel = null!;
    private ConcurrentQueue<Reading> _queue = null!;
    private Thread[] _producerThreads = [];
    private Action<int> _produceIntoRing = null!;
    private Action<int> _produceIntoChannel = null!;
    private Action<int> _produceIntoQueue = null!;
    private Action<int> _produce = null!;
    private int _itemsPerProducer;
    private volatile bool _stopping;

    [Params(1, 2)]
    public int Producers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _ring = new MpscRing<Reading>(Capacity);
        _channel = Channel.CreateBounded<Reading>(new BoundedChannelOptions(Capacity)
        {
            SingleReader = true,
            SingleWriter = Producers == 1,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _queue = new ConcurrentQueue<Reading>();
        _produceIntoRing = ProduceIntoRing;
        _produceIntoChannel = ProduceIntoChannel;
        _produceIntoQueue = ProduceIntoQueue;
        _produce = _produceIntoRing;
        _itemsPerProducer = ItemsPerInvocation / Producers;
        _producerThreads = new Thread[Producers];
        for (var i = 0; i < Producers; i++)
        {
            var producer = i;
            _producerThreads[i] = new Thread(() => ProducerLoop(producer)) { IsBackground = true, Name = $"producer {producer}" };
            _producerThreads[i].Start();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stopping = true;
        _startProducers.Release(Producers);
        foreach (var thread in _producerThreads)
        {
            thread.Join();
        }

        _ring.Dispose();
        _startProducers.Dispose();
        _producersDone.Dispose();
    }

    [Benchmark(Description = "MpscRing: TryWrite / Drain+WaitToRead", OperationsPerInvoke = ItemsPerInvocation)]
    public long MpscRingThroughput()
    {
        StartProducers(_produceIntoRing);
        var ring = _ring;
        var batch = _batch;
        long remaining = _itemsPerProducer * Producers;
        long checksum = 0;
        while (remaining > 0)
        {
            var taken = ring.Drain(batch);
            if (taken == 0)
            {
                ring.WaitToRead();
                continue;
            }

            for (var i = 0; i < taken; i++)
            {
                checksum += batch[i].Channel;
            }

            remaining -= taken;
        }

        _producersDone.Wait();
        return checksum;
    }

    [Benchmark(Baseline = true, Description = "Channel.CreateBounded: TryWrite / TryRead+WaitToReadAsync", OperationsPerInvoke = ItemsPerInvocation)]
    public async Task<long> BoundedChannelThroughput()
    {
        StartProducers(_produceIntoChannel);
        var reader = _channel.Reader;
        long remaining = _itemsPerProducer * Producers;
        long checksum = 0;
        while (remaining > 0)
        {
            while (reader.TryRead(out var item))
            {
                checksum += item.Channel;
                remaining--;
            }

            if (remaining > 0)
            {
                await reader.WaitToReadAsync().ConfigureAwait(false);
            }
        }

        _producersDone.Wait();
        return checksum;
    }

    [Benchmark(Description = "ConcurrentQueue (unbounded): Enqueue / TryDequeue+SpinWait", OperationsPerInvoke = ItemsPerInvocation)]
    public long ConcurrentQueueThroughput()
    {
        StartProducers(_produceIntoQueue);
        var queue = _queue;
        long remaining = _itemsPerProducer * Producers;
        long checksum = 0;
        var spinner = default(SpinWait);
        while (remaining > 0)
        {
            if (queue.TryDequeue(out var item))
            {
                checksum += item.Channel;
                remaining--;
                spinner = default;
            }
            else
            {
                // It has no way to wait: spin, yield and, past SpinWait's threshold, sleep.
                spinner.SpinOnce();
            }
        }

        _producersDone.Wait();
        return checksum;
    }

    private static Reading Item(int producer, long sequence) =>
        new(producer, sequence, sequence, sequence, DataFlag.N, FlagReason.None);

    private void StartProducers(Action<int> produce)
    {
        _produce = produce;
        _producersDone.Reset(Producers);

        // The semaphore's release and wait order the write of _produce before the producers read it.
        _startProducers.Release(Producers);
    }

    private void ProducerLoop(int producer)
    {
        while (true)
        {
            _startProducers.Wait();
            if (_stopping)
            {
                return;
            }

            _produce(producer);
            _producersDone.Signal();
        }
    }

    private void ProduceIntoRing(int producer)
    {
        var ring = _ring;
        var spinner = default(SpinWait);
        for (long sequence = 0; sequence < _itemsPerProducer;)
        {
            if (ring.TryWrite(Item(producer, sequence)))
            {
                sequence++;
                spinner = default;
            }
            else
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }
    }

    private void ProduceIntoChannel(int producer)
    {
        var writer = _channel.Writer;
        var spinner = default(SpinWait);
        for (long sequence = 0; sequence < _itemsPerProducer;)
        {
            if (writer.TryWrite(Item(producer, sequence)))
            {
                sequence++;
                spinner = default;
            }
            else
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }
    }

    private void ProduceIntoQueue(int producer)
    {
        var queue = _queue;
        for (long sequence = 0; sequence < _itemsPerProducer; sequence++)
        {
            queue.Enqueue(Item(producer, sequence));
        }
    }
}
