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
    private long _messagesPublished;
    private long _messagesAcknowledged;
    private long _recordsAcknowledged;
    private long _messagesFailed;
    private long _backlogMessages;
    private long _inFlight;
    private long _peakInFlight;
    private long _sessions;

    public OutboxPublisherStatistics Statistics(long backlog) => new(
        Interlocked.Read(ref _messagesPublished),
        Interlocked.Read(ref _messagesAcknowledged),
        Interlocked.Read(ref _recordsAcknowledged),
        Interlocked.Read(ref _messagesFailed),
        Interlocked.Read(ref _backlogMessages),
        backlog,
        (int)Interlocked.Read(ref _inFlight),
        (int)Interlocked.Read(ref _peakInFlight),
        Interlocked.Read(ref _sessions));

    /// <summary>A session has taken its durable sequence at start.</summary>
    public void CountSession() => Interlocked.Increment(ref _sessions);

    /// <summary>A read from the outbox failed: counted like a failed publish, the session ends.</summary>
    public void CountStorageFailure() => Interlocked.Increment(ref _messagesFailed);

    public void Settle(IReadOnlyList<SequenceRange> ranges)
    {
        foreach (var range in ranges)
        {
            outbox.Acknowledge(destination, range.First, range.Last);
            Interlocked.Add(ref _recordsAcknowledged, range.Count);
        }
    }

    /// <summary>Starts one publish of message <paramref name="index"/> of a batch; its outcome is settled when it comes.</summary>
    public void Publish(InFlightPublishes inFlight, UplinkMessage message, AcknowledgementPlan plan, int index, bool fromBacklog)
    {
        if (fromBacklog)
        {
            Interlocked.Increment(ref _backlogMessages);
        }

        Interlocked.Increment(ref _messagesPublished);
        var count = Interlocked.Increment(ref _inFlight);
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
            Interlocked.Decrement(ref _inFlight);
        }

        if (!acknowledged)
        {
            Interlocked.Increment(ref _messagesFailed);
            inFlight.MarkFailed();
            return;
        }

        Settle(plan.Acknowledge(index));
        Interlocked.Increment(ref _messagesAcknowledged);
    }
}
