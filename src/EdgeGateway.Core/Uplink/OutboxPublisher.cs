using EdgeGateway.Core.Storage;
using EdgeGateway.Core.Uplink.Contract;

namespace EdgeGateway.Core.Uplink;

/// <summary>
/// Drains the outbox to the platform. Each time the link comes up a session starts: records appended from then on
/// are live and go first, batched by <see cref="OutboxPublisherOptions.BatchSize"/> and
/// <see cref="OutboxPublisherOptions.MaxBatchDelay"/>; everything older and still unacknowledged is the backlog and
/// drains behind them at <see cref="OutboxPublisherOptions.BacklogMessagesPerSecond"/>, so the platform's real-time
/// view recovers at once after an outage. Nothing beyond <see cref="IOutbox.DurableSequence"/> is sent; a range is
/// acknowledged in the outbox only after the broker's PUBACK; a failed publish ends the session, and the next one
/// finds the failed ranges in its backlog (they are still unacknowledged), so nothing is skipped.
/// </summary>
/// <remarks>One message is in flight at a time: a failure then never leaves later ranges acknowledged ahead of it, and
/// the platform sees each session's live data in order. When messages of one batch overlap (payload mode "both"), a
/// record is acknowledged only after the last message carrying it; records no message carries (events in HJ 212 mode)
/// are acknowledged once the whole batch is through.</remarks>
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
        _outbox.GetBacklog().UnacknowledgedCount);

    /// <summary>Runs <see cref="RunAsync"/> in the background until <see cref="DisposeAsync"/>.</summary>
    public void Start()
    {
        if (_running is not null)
        {
            throw new InvalidOperationException("The publisher is already running.");
        }

        _running = Task.Run(() => RunAsync(_stopping.Token));
    }

    /// <summary>The publishing loop; returns when <paramref name="cancellationToken"/> is cancelled.</summary>
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
            // Stopping: whatever was in flight stays unacknowledged and goes out after the next start.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_running is not null)
        {
            await _running.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    // One connected stretch; returns after a failed publish (or a storage failure) so the caller waits and starts anew.
    private async Task RunSessionAsync(CancellationToken cancellationToken)
    {
        var liveCursor = _outbox.DurableSequence;
        var backlogLimit = liveCursor;
        var backlogCursor = 0L;

        // A backlog batch whose messages the rate limit cut short; its rest goes out first, without encoding it anew
        // (with overlapping messages the records it covers are still unacknowledged and would be read again).
        IReadOnlyList<UplinkMessage> backlogMessages = [];
        AcknowledgementPlan? backlogPlan = null;
        var backlogSent = 0;
        var backlogBatchEnd = 0L;
        DateTimeOffset? liveWaitingSince = null;
        var backlogTokens = 1.0;
        var lastRefill = _time.GetUtcNow();

        while (!cancellationToken.IsCancellationRequested)
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
                        for (var i = 0; i < messages.Count; i++)
                        {
                            if (!await PublishAsync(messages[i], plan.ByMessage[i], cancellationToken).ConfigureAwait(false))
                            {
                                return;
                            }
                        }

                        Settle(plan.Uncarried);
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
                if (backlogTokens >= 1)
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
                        }
                    }

                    if (backlogPlan is not null)
                    {
                        while (backlogSent < backlogMessages.Count && backlogTokens >= 1)
                        {
                            backlogTokens--;
                            Interlocked.Increment(ref _backlogMessages);
                            if (!await PublishAsync(backlogMessages[backlogSent], backlogPlan.ByMessage[backlogSent], cancellationToken).ConfigureAwait(false))
                            {
                                return;
                            }

                            backlogSent++;
                            progressed = true;
                        }

                        if (backlogSent == backlogMessages.Count)
                        {
                            Settle(backlogPlan.Uncarried);
                            backlogCursor = backlogBatchEnd;
                            backlogPlan = null;
                            progressed = true;
                        }
                    }
                }
            }

            if (!progressed)
            {
                await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Unacknowledged records after the cursor, cut at the limit (never past what a power cut cannot take back).
    private bool TryRead(long afterSequence, long limit, out IReadOnlyList<OutboxEntry> entries)
    {
        try
        {
            var read = _outbox.ReadUnacknowledged(afterSequence, _options.BatchSize);
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
            _outbox.Acknowledge(range.First, range.Last);
            Interlocked.Add(ref _recordsAcknowledged, range.Count);
        }
    }

    private async Task<bool> PublishAsync(UplinkMessage message, IReadOnlyList<SequenceRange> settles, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _messagesPublished);
        bool acknowledged;
        try
        {
            acknowledged = await _publisher.PublishAsync(message.TopicSuffix, message.Payload, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // An adapter that throws is treated like one that reports a failure: the range stays owed.
            acknowledged = false;
        }

        if (!acknowledged)
        {
            Interlocked.Increment(ref _messagesFailed);
            return false;
        }

        Settle(settles);
        Interlocked.Increment(ref _messagesAcknowledged);
        return true;
    }
}
