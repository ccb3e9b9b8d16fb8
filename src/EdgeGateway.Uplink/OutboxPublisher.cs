using EdgeGateway.Storage;
using EdgeGateway.Uplink.Contract;

namespace EdgeGateway.Uplink;

/// <summary>
/// Drains the outbox to the platform. Each time the link comes up a session starts: records appended from then on
/// are live and go first, batched by <see cref="OutboxPublisherOptions.BatchSize"/> and
/// <see cref="OutboxPublisherOptions.MaxBatchDelay"/>; everything older and still unacknowledged is the backlog and
/// drains behind them at <see cref="OutboxPublisherOptions.BacklogMessagesPerSecond"/>, so the platform's real-time
/// view recovers at once after an outage. Nothing beyond <see cref="IOutbox.DurableSequence"/> is sent; a range is
/// acknowledged in the outbox only after the broker's PUBACK; a failed publish ends the session, and the next one
/// finds the failed ranges in its backlog (they are still unacknowledged), so nothing is skipped.
/// </summary>
/// <remarks>
/// <para>Up to <see cref="OutboxPublisherOptions.MaxInFlight"/> messages are in flight at once, so over a slow link
/// throughput is a window per round trip rather than one message. Each message's records are acknowledged in the
/// outbox when its own PUBACK arrives, in whatever order (the outbox keeps acknowledged ranges, not a cursor). A failed
/// publish stops new ones at once; the session then waits for the others' outcomes before it ends, so the next
/// session's backlog holds exactly what is still owed: the failed message, any later one that failed with it, and
/// the unsent rest of its batch. A later message may thus be acknowledged ahead of an earlier one that failed; that
/// one is sent again from the backlog (at least once, never skipped). The backlog may hold all but one slot of the
/// window, so live data never wait behind a full window of backlog.</para>
/// <para>When messages of one batch overlap (payload mode "both"), a record is acknowledged only once every message
/// carrying it is through, whatever order their PUBACKs come in; records no message carries (events in HJ 212 mode)
/// once the whole batch is through (<see cref="AcknowledgementPlan"/>).</para>
/// <para>A graceful stop (<see cref="DisposeAsync"/>, or cancelling <see cref="RunAsync"/>) sends nothing new and
/// gives the messages in flight up to <see cref="OutboxPublisherOptions.StopTimeout"/> for their PUBACKs; those still
/// unanswered then are abandoned and stay owed.</para>
/// <para>Messages go to the link in outbox order within live data and within the backlog; one connection carries them
/// in that order, so the platform sees each session's live data in order unless a failure makes some come again.</para>
/// </remarks>
public sealed class OutboxPublisher : IAsyncDisposable
{
    private readonly IOutbox _outbox;
    private readonly IUplinkEncoder _encoder;
    private readonly IMessagePublisher _publisher;
    private readonly OutboxPublisherOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _running;
    private long _messagesPublished;
    private long _messagesAcknowledged;
    private long _recordsAcknowledged;
    private long _messagesFailed;
    private long _backlogMessages;
    private long _inFlight;
    private long _peakInFlight;

    public OutboxPublisher(IOutbox outbox, IUplinkEncoder encoder, IMessagePublisher publisher, OutboxPublisherOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(publisher);
        _options = options ?? new OutboxPublisherOptions();
        _options.Validate();
        _outbox = outbox;
        _encoder = encoder;
        _publisher = publisher;
        _time = time ?? TimeProvider.System;
    }

    public OutboxPublisherStatistics Statistics => new(
        Interlocked.Read(ref _messagesPublished),
        Interlocked.Read(ref _messagesAcknowledged),
        Interlocked.Read(ref _recordsAcknowledged),
        Interlocked.Read(ref _messagesFailed),
        Interlocked.Read(ref _backlogMessages),
        _outbox.GetBacklog(OutboxDestinations.Mqtt).UnacknowledgedCount,
        (int)Interlocked.Read(ref _inFlight),
        (int)Interlocked.Read(ref _peakInFlight));

    /// <summary>Runs <see cref="RunAsync"/> in the background until <see cref="DisposeAsync"/>.</summary>
    public void Start()
    {
        if (_running is not null)
        {
            throw new InvalidOperationException("The publisher is already running.");
        }

        _running = Task.Run(() => RunAsync(_stopping.Token));
    }

    /// <summary>
    /// The publishing loop; returns when <paramref name="cancellationToken"/> is cancelled, after the messages in
    /// flight had up to <see cref="OutboxPublisherOptions.StopTimeout"/> to be acknowledged.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await _publisher.WaitUntilConnectedAsync(cancellationToken).ConfigureAwait(false);
                await RunSessionAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(_options.RetryDelay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: whatever was not acknowledged stays owed and goes out after the next start.
        }
    }

    /// <summary>Stops: nothing new is sent, and the messages in flight get up to <see cref="OutboxPublisherOptions.StopTimeout"/> for their PUBACKs.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_running is not null)
        {
            await _running.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    // One connected stretch; returns after a failed publish (or a storage failure) so the caller waits and starts
    // anew, and only once every publish it started has its outcome.
    private async Task RunSessionAsync(CancellationToken stopping)
    {
        using var inFlight = new InFlightPublishes();
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(stopping, inFlight.Failed);
        try
        {
            await PublishUntilEndAsync(inFlight, ending.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
            // Stopping, or a publish failed: nothing new goes out; the ones in flight end below.
        }
        finally
        {
            await inFlight.DrainAsync(_options.StopTimeout, _time, stopping).ConfigureAwait(false);
        }
    }

    private async Task PublishUntilEndAsync(InFlightPublishes inFlight, CancellationToken ending)
    {
        var liveCursor = _outbox.DurableSequence;
        var backlogLimit = liveCursor;
        var backlogCursor = 0L;

        // The backlog may hold all but one slot of the window: a live batch never waits for backlog PUBACKs to start.
        var backlogWindow = Math.Max(1, _options.MaxInFlight - 1);

        // A backlog batch whose messages the rate limit or the window cut short; its rest goes out first, without
        // encoding it anew (its records are still unacknowledged and would be read again).
        IReadOnlyList<UplinkMessage> backlogMessages = [];
        AcknowledgementPlan? backlogPlan = null;
        var backlogSent = 0;
        var backlogBatchEnd = 0L;
        DateTimeOffset? liveWaitingSince = null;
        var backlogTokens = 1.0;
        var lastRefill = _time.GetUtcNow();

        while (!ending.IsCancellationRequested)
        {
            var progressed = false;
            var now = _time.GetUtcNow();
            IReadOnlyList<OutboxEntry> entries;

            var durable = _outbox.DurableSequence;
            if (durable > liveCursor)
            {
                if (!TryRead(liveCursor, durable, out entries))
                {
                    return;
                }

                if (entries.Count == 0)
                {
                    liveCursor = durable;
                }
                else
                {
                    liveWaitingSince ??= now;
                    if (entries.Count >= _options.BatchSize || now - liveWaitingSince.Value >= _options.MaxBatchDelay)
                    {
                        var messages = _encoder.Encode(entries);
                        var plan = AcknowledgementPlan.Of(messages, entries);
                        if (messages.Count == 0)
                        {
                            Settle(plan.Uncarried);
                        }

                        for (var i = 0; i < messages.Count; i++)
                        {
                            await inFlight.WaitForRoomAsync(_options.MaxInFlight, ending).ConfigureAwait(false);
                            if (ending.IsCancellationRequested)
                            {
                                return;
                            }

                            Publish(inFlight, messages[i], plan, i);
                        }

                        liveCursor = entries[^1].Sequence;
                        liveWaitingSince = null;
                        progressed = true;
                    }
                }
            }

            if (backlogCursor < backlogLimit)
            {
                var rate = _options.BacklogMessagesPerSecond;
                backlogTokens = Math.Min(Math.Max(1, rate), backlogTokens + ((now - lastRefill).TotalSeconds * rate));
                lastRefill = now;
                if (backlogTokens >= 1 && inFlight.Count < backlogWindow)
                {
                    if (backlogPlan is null)
                    {
                        if (!TryRead(backlogCursor, backlogLimit, out entries))
                        {
                            return;
                        }

                        if (entries.Count == 0)
                        {
                            backlogCursor = backlogLimit;
                        }
                        else
                        {
                            backlogMessages = _encoder.Encode(entries);
                            backlogPlan = AcknowledgementPlan.Of(backlogMessages, entries);
                            backlogSent = 0;
                            backlogBatchEnd = entries[^1].Sequence;
                            if (backlogMessages.Count == 0)
                            {
                                Settle(backlogPlan.Uncarried);
                            }
                        }
                    }

                    if (backlogPlan is not null)
                    {
                        while (backlogSent < backlogMessages.Count && backlogTokens >= 1 && inFlight.Count < backlogWindow && !ending.IsCancellationRequested)
                        {
                            backlogTokens--;
                            Interlocked.Increment(ref _backlogMessages);
                            Publish(inFlight, backlogMessages[backlogSent], backlogPlan, backlogSent);
                            backlogSent++;
                            progressed = true;
                        }

                        if (backlogSent == backlogMessages.Count)
                        {
                            backlogCursor = backlogBatchEnd;
                            backlogPlan = null;
                            progressed = true;
                        }
                    }
                }
            }

            if (!progressed)
            {
                // Also wakes when a publish ends, so a full window refills without waiting out the interval.
                await inFlight.PauseAsync(_options.PollInterval, _time, ending).ConfigureAwait(false);
            }
        }
    }

    // Unacknowledged records after the cursor, cut at the limit (never past what a power cut cannot take back).
    private bool TryRead(long afterSequence, long limit, out IReadOnlyList<OutboxEntry> entries)
    {
        try
        {
            var read = _outbox.ReadUnacknowledged(OutboxDestinations.Mqtt, afterSequence, _options.BatchSize);
            var count = 0;
            while (count < read.Count && read[count].Sequence <= limit)
            {
                count++;
            }

            entries = count == read.Count ? read : read.Take(count).ToArray();
            return true;
        }
        catch (OutboxStorageException)
        {
            // The store is failing (I/O, disk full); the session ends and a later one tries again.
            Interlocked.Increment(ref _messagesFailed);
            entries = [];
            return false;
        }
    }

    private void Settle(IReadOnlyList<SequenceRange> ranges)
    {
        foreach (var range in ranges)
        {
            _outbox.Acknowledge(OutboxDestinations.Mqtt, range.First, range.Last);
            Interlocked.Add(ref _recordsAcknowledged, range.Count);
        }
    }

    // Starts one publish; its outcome is settled when it comes, off the loop.
    private void Publish(InFlightPublishes inFlight, UplinkMessage message, AcknowledgementPlan plan, int index)
    {
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
            acknowledged = await _publisher.PublishAsync(message.TopicSuffix, message.Payload, inFlight.Abandoned).ConfigureAwait(false);
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
