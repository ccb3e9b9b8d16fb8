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
/// the platform sees each session's live data in order.</remarks>
public sealed class OutboxPublisher : IAsyncDisposable
{
    private readonly IOutbox _outbox;
    private readonly UplinkMessageEncoder _encoder;
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

    public OutboxPublisher(IOutbox outbox, UplinkMessageEncoder encoder, IMessagePublisher publisher, OutboxPublisherOptions? options = null, TimeProvider? time = null)
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
                        foreach (var message in _encoder.Encode(entries))
                        {
                            if (!await PublishAsync(message, cancellationToken).ConfigureAwait(false))
                            {
                                return;
                            }

                            liveCursor = message.Range.Last;
                        }

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
                    if (!TryRead(backlogCursor, backlogLimit, out entries))
                    {
                        return;
                    }

                    if (entries.Count == 0)
                    {
                        backlogCursor = backlogLimit;
                    }

                    foreach (var message in _encoder.Encode(entries))
                    {
                        if (backlogTokens < 1)
                        {
                            break;
                        }

                        backlogTokens--;
                        Interlocked.Increment(ref _backlogMessages);
                        if (!await PublishAsync(message, cancellationToken).ConfigureAwait(false))
                        {
                            return;
                        }

                        backlogCursor = message.Range.Last;
                        progressed = true;
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

    private async Task<bool> PublishAsync(UplinkMessage message, CancellationToken cancellationToken)
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

        _outbox.Acknowledge(message.Range.First, message.Range.Last);
        Interlocked.Increment(ref _messagesAcknowledged);
        Interlocked.Add(ref _recordsAcknowledged, message.Range.Count);
        return true;
    }
}
