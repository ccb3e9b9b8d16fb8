using EdgeGateway.Primitives.Counting;
using EdgeGateway.Storage;
using EdgeGateway.Uplink.Contract;

namespace EdgeGateway.Uplink;

/// <summary>
/// Starts the publisher's publishes and settles each outcome when it comes, off the loop: a PUBACK acknowledges the
/// records its <see cref="AcknowledgementPlan"/> releases, a failure raises <see cref="InFlightPublishes.Failed"/>
/// and leaves them owed. Keeps the publisher's counters.
/// </summary>
internal sealed class AcknowledgingSender(IOutbox outbox, string destination, IMessagePublisher publisher)
{
    private readonly CounterSet<PublisherCounter> _counters = new();
    private long _peakInFlight;

    /// <summary>Pulsed after each settle: records were acknowledged in the outbox (or found owed by no message).</summary>
    public SettledSignal Settled { get; } = new();

    public OutboxPublisherStatistics Statistics(long backlog) => new(
        _counters[PublisherCounter.MessagesPublished],
        _counters[PublisherCounter.MessagesAcknowledged],
        _counters[PublisherCounter.RecordsAcknowledged],
        _counters[PublisherCounter.MessagesFailed],
        _counters[PublisherCounter.BacklogMessages],
        backlog,
        (int)_counters[PublisherCounter.InFlight],
        (int)Interlocked.Read(ref _peakInFlight),
        _counters[PublisherCounter.Sessions]);

    /// <summary>A session has taken its durable sequence at start.</summary>
    public void CountSession() => _counters.Increment(PublisherCounter.Sessions);

    /// <summary>A read from the outbox failed: counted like a failed publish, the session ends.</summary>
    public void CountStorageFailure() => _counters.Increment(PublisherCounter.MessagesFailed);

    public void Settle(IReadOnlyList<SequenceRange> ranges)
    {
        foreach (var range in ranges)
        {
            outbox.Acknowledge(destination, range.First, range.Last);
            _counters.Add(PublisherCounter.RecordsAcknowledged, range.Count);
        }

        Settled.Pulse();
    }

    /// <summary>Starts one publish of message <paramref name="index"/> of a batch; its outcome is settled when it comes.</summary>
    public void Publish(InFlightPublishes inFlight, UplinkMessage message, AcknowledgementPlan plan, int index, bool fromBacklog)
    {
        if (fromBacklog)
        {
            _counters.Increment(PublisherCounter.BacklogMessages);
        }

        _counters.Increment(PublisherCounter.MessagesPublished);
        var count = _counters.Increment(PublisherCounter.InFlight);
        long peak;
        while (count > (peak = Interlocked.Read(ref _peakInFlight)) && Interlocked.CompareExchange(ref _peakInFlight, count, peak) != peak)
        {
            // Another publish raised the peak meanwhile; look again.
        }

        inFlight.Add(PublishAndSettleAsync(inFlight, message, plan, index));
    }

    private async Task PublishAndSettleAsync(InFlightPublishes inFlight, UplinkMessage message, AcknowledgementPlan plan, int index)
    {
        bool acknowledged;
        try
        {
            acknowledged = await publisher.PublishAsync(message.TopicSuffix, message.Payload, inFlight.Abandoned).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // An adapter that throws, or a publish abandoned at a stop, is treated like a reported failure: the range
            // stays owed.
            acknowledged = false;
        }
        finally
        {
            _counters.Add(PublisherCounter.InFlight, -1);
        }

        if (!acknowledged)
        {
            _counters.Increment(PublisherCounter.MessagesFailed);
            inFlight.MarkFailed();
            return;
        }

        Settle(plan.Acknowledge(index));
        _counters.Increment(PublisherCounter.MessagesAcknowledged);
    }
}
