using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Ring;

namespace EdgeGateway.DataFlow.Tests.Pipeline.Ring;

/// <summary>
/// Several producer threads against the consumer on the calling thread. Each producer writes (producer id, sequence)
/// items until the ring has accepted its share, counting refusals and moving on to the next sequence number after
/// each, so refused numbers leave gaps; the last producer to finish completes the ring and the consumer drains to
/// completion. Nothing here depends on timing: the test judges the recorded sequences.
/// </summary>
internal static class RingStress
{
    private static readonly TimeSpan Backstop = TimeSpan.FromSeconds(20);

    public static RingStressResult Run(IRing<Reading> ring, int producers, int itemsPerProducer, bool slowConsumer, CancellationToken cancellationToken)
    {
        var accepted = new List<long>[producers];
        var consumed = new List<long>[producers];
        var attempted = new long[producers];
        var refused = new long[producers];
        var overflows = 0;
        var failure = (string?)null;
        var abandoned = false;
        var running = producers;
        ring.Overflowed += _ => Interlocked.Increment(ref overflows);

        var threads = new Thread[producers];
        for (var p = 0; p < producers; p++)
        {
            accepted[p] = new List<long>(itemsPerProducer);
            consumed[p] = new List<long>(itemsPerProducer);
            var producer = p;
            threads[p] = new Thread(() =>
            {
                try
                {
                    var mine = accepted[producer];
                    var spinner = default(SpinWait);
                    long sequence = 0;
                    while (mine.Count < itemsPerProducer && !Volatile.Read(ref abandoned))
                    {
                        if (ring.TryWrite(RingContractTests.Item(producer, sequence)))
                        {
                            mine.Add(sequence);
                            spinner = default;
                        }
                        else
                        {
                            // Full: let the consumer (perhaps on this very core) catch up, without ever sleeping.
                            refused[producer]++;
                            spinner.SpinOnce(sleep1Threshold: -1);
                        }

                        sequence++;
                    }

                    attempted[producer] = sequence;
                }
                catch (Exception error)
                {
                    Interlocked.CompareExchange(ref failure, $"producer {producer}: {error}", null);
                }
                finally
                {
                    if (Interlocked.Decrement(ref running) == 0)
                    {
                        ring.Complete();
                    }
                }
            })
            { IsBackground = true, Name = $"ring producer {producer}" };
        }

        foreach (var thread in threads)
        {
            thread.Start();
        }

        try
        {
            Consume(ring, consumed, slowConsumer, ref failure, cancellationToken);
        }
        finally
        {
            // Normally every producer is done already; after a failure, do not leave them spinning on a full ring.
            Volatile.Write(ref abandoned, true);
            foreach (var thread in threads)
            {
                if (!thread.Join(Backstop))
                {
                    Interlocked.CompareExchange(ref failure, $"{thread.Name} did not finish", null);
                }
            }
        }

        return new RingStressResult(accepted, consumed, attempted, refused, Volatile.Read(ref overflows), failure);
    }

    private static void Consume(IRing<Reading> ring, List<long>[] consumed, bool slowConsumer, ref string? failure, CancellationToken cancellationToken)
    {
        // A slow consumer takes small batches and gives its core away after each, so the producers fill the ring.
        var buffer = new Reading[slowConsumer ? 8 : 64];
        var last = new long[consumed.Length];
        Array.Fill(last, -1);
        while (true)
        {
            var taken = ring.Drain(buffer);
            if (taken == 0)
            {
                var result = ring.WaitToRead(Backstop, cancellationToken);
                if (result == RingWaitResult.Completed)
                {
                    return;
                }

                if (result == RingWaitResult.TimedOut)
                {
                    Interlocked.CompareExchange(ref failure, $"the consumer waited {Backstop} for an item: a lost wake-up?", null);
                    return;
                }

                continue;
            }

            for (var i = 0; i < taken; i++)
            {
                var producer = buffer[i].Channel;
                var sequence = buffer[i].TimestampTicks;
                if (producer < 0 || producer >= consumed.Length || sequence <= last[producer])
                {
                    Interlocked.CompareExchange(ref failure, $"item ({producer}, {sequence}) came after ({producer}, {(producer >= 0 && producer < last.Length ? last[producer] : -1)})", null);
                    return;
                }

                last[producer] = sequence;
                consumed[producer].Add(sequence);
            }

            if (slowConsumer)
            {
                Thread.Yield();
            }
        }
    }
}
