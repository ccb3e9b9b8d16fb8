using EdgeGateway.Storage;
using EdgeGateway.Uplink.Contract;

namespace EdgeGateway.Uplink;

/// <summary>
/// Drains the outbox to the platform. Each time the link comes up a session starts: records appended from then on
/// are live and go first, batched by <see cref="OutboxPublisherOptions.BatchSize"/> and
/// <see cref="OutboxPublisherOptions.MaxBatchDelay"/>; everything older and still unacknowledged is the backlog and
/// drains behind them as fast as the broker acknowledges it (in all but one slot of the window; a configured
/// <see cref="OutboxPublisherOptions.BacklogMessagesPerSecond"/> caps it), so the platform's real-time view recovers
/// at once after an outage and a day's backlog follows within minutes where the link carries it. Nothing beyond the durable sequence is sent: the publisher awaits it from the
/// outbox's writer (<see cref="DurableSequenceSignal"/>), so it sleeps while nothing new is durable; a range is
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
/// <para>The session composes two streams: <see cref="LiveStream"/> (what became durable since the session started)
/// and <see cref="BacklogStream"/> (what was owed when it started); <see cref="AcknowledgingSender"/> sends for both and
/// settles the outcomes. Between steps the loop waits for whichever comes first: the durable sequence rising, a live
/// batch's delay or (with a configured rate) the backlog's next token falling due, or a publish ending while the
/// backlog waits for room.</para>
/// <para>Messages go to the link in outbox order within live data and within the backlog; one connection carries them
/// in that order, so the platform sees each session's live data in order unless a failure makes some come again.</para>
/// </remarks>
public sealed class OutboxPublisher : IAsyncDisposable
{
    private readonly IOutbox _outbox;
    private readonly DurableSequenceSignal _durable;
    private readonly IMessagePublisher _publisher;
    private readonly OutboxPublisherOptions _options;
    private readonly TimeProvider _time;
    private readonly UnacknowledgedRecords _records;
    private readonly AcknowledgingSender _sender;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _flushRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _running;

    /// <param name="durable">How far the outbox is durable: the writer's <see cref="OutboxAppender.Durability"/>.</param>
    public OutboxPublisher(IOutbox outbox, DurableSequenceSignal durable, IUplinkEncoder encoder, IMessagePublisher publisher, OutboxPublisherOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(durable);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(publisher);
        _options = options ?? new OutboxPublisherOptions();
        _options.Validate();
        _outbox = outbox;
        _durable = durable;
        _publisher = publisher;
        _time = time ?? TimeProvider.System;
        _records = new UnacknowledgedRecords(outbox, _options.Destination, encoder, _options.BatchSize);
        _sender = new AcknowledgingSender(outbox, _options.Destination, publisher);
    }

    public OutboxPublisherStatistics Statistics => _sender.Statistics(_outbox.GetBacklog(_options.Destination).UnacknowledgedCount);

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

    /// <summary>
    /// The stop's last chance to send: from now on live records go out as soon as they are durable, without waiting
    /// for a fuller batch; completes once nothing is owed to the destination any more (every record the outbox holds
    /// for it is acknowledged), or when <paramref name="cancellationToken"/> is cancelled (the caller's bound, or the
    /// link going down). It waits for acknowledgements, not for time: each settle wakes it to look again.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        _flushRequested.TrySetResult();
        while (true)
        {
            var settled = _sender.Settled.Next;
            if (_outbox.GetBacklog(_options.Destination).UnacknowledgedCount == 0)
            {
                return;
            }

            await settled.WaitAsync(cancellationToken).ConfigureAwait(false);
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
        catch (OutboxStorageException)
        {
            // The store is failing (I/O, disk full); the session ends and a later one tries again.
            _sender.CountStorageFailure();
        }
        finally
        {
            await inFlight.DrainAsync(_options.StopTimeout, _time, stopping).ConfigureAwait(false);
        }
    }

    private async Task PublishUntilEndAsync(InFlightPublishes inFlight, CancellationToken ending)
    {
        var durableAtStart = _durable.Sequence;
        var live = new LiveStream(_records, _options.MaxBatchDelay, durableAtStart);
        var backlog = new BacklogStream(_records, _options, durableAtStart, _time.GetUtcNow());
        _sender.CountSession();
        while (!ending.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            var progressed = false;
            if (live.TakeReady(_durable.Sequence, now, flushing: _flushRequested.Task.IsCompleted) is { } batch)
            {
                await PublishLiveAsync(inFlight, batch, ending).ConfigureAwait(false);
                progressed = true;
            }

            progressed |= backlog.Step(now, inFlight, _sender, ending);
            if (!progressed)
            {
                await WaitForWorkAsync(live, backlog, inFlight, now, ending).ConfigureAwait(false);
            }
        }
    }

    // Live data may use the whole window: they wait for a free slot, never behind the backlog's rate.
    private async Task PublishLiveAsync(InFlightPublishes inFlight, EncodedBatch batch, CancellationToken ending)
    {
        if (batch.Messages.Count == 0)
        {
            _sender.Settle(batch.Plan.Uncarried);
        }

        for (var i = 0; i < batch.Messages.Count; i++)
        {
            await inFlight.WaitForRoomAsync(_options.MaxInFlight, ending).ConfigureAwait(false);
            ending.ThrowIfCancellationRequested();
            _sender.Publish(inFlight, batch.Messages[i], batch.Plan, i, fromBacklog: false);
        }
    }

    // Sleeps until something can move: more becomes durable, a live batch or the backlog's next token falls due,
    // (while the backlog waits for room) a publish ends, or a stop's flush begins. Nothing else wakes it.
    private async Task WaitForWorkAsync(LiveStream live, BacklogStream backlog, InFlightPublishes inFlight, DateTimeOffset now, CancellationToken ending)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(ending);
        var waits = new List<Task>(4) { _durable.WaitBeyondAsync(live.SeenDurable, wake.Token) };
        if (!_flushRequested.Task.IsCompleted)
        {
            // A stop's flush sends the records waiting for a fuller batch at once.
            waits.Add(_flushRequested.Task);
        }

        if (Earliest(live.DueAt, backlog.TokenDueAt) is { } due)
        {
            waits.Add(Task.Delay(due > now ? due - now : TimeSpan.Zero, _time, wake.Token));
        }

        if (backlog.HasWork && inFlight.Count > 0)
        {
            waits.Add(inFlight.AnyEndedAsync());
        }

        await Task.WhenAny(waits).ConfigureAwait(false);
        await wake.CancelAsync().ConfigureAwait(false);
        ending.ThrowIfCancellationRequested();
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
