using System.Diagnostics.CodeAnalysis;
using EdgeGateway.Primitives.Commands;
using EdgeGateway.Storage;
using EdgeGateway.Uplink.Contract;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Uplink.Commands;

/// <summary>
/// Runs the re-send of a <c>history</c> request: selects the records at once (so the reply can say how many), then
/// encodes and publishes them on a background task, paced, one request at a time. Re-sent messages are the encoder's
/// messages with their original sequence numbers, marked <c>"resent":true</c> (<see cref="ResentMarker"/>), so the
/// platform de-duplicates them like any repeat. The outbox is only read: acknowledgements stay the publisher's.
/// </summary>
internal sealed class HistoryResender : IAsyncDisposable
{
    private readonly IOutbox _outbox;
    private readonly IUplinkEncoder _encoder;
    private readonly IMessagePublisher _publisher;
    private readonly PlatformCommandOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _jobGate = new();
    private Task _job = Task.CompletedTask;
    private int _busy;
    private int _disposed;
    private long _jobs;
    private long _abandoned;
    private long _messagesSent;

    public HistoryResender(IOutbox outbox, IUplinkEncoder encoder, IMessagePublisher publisher, PlatformCommandOptions options, ILogger logger, TimeProvider time)
    {
        _outbox = outbox;
        _encoder = encoder;
        _publisher = publisher;
        _options = options;
        _logger = logger;
        _time = time;
    }

    public bool IsRunning => Volatile.Read(ref _busy) != 0;

    public long Jobs => Interlocked.Read(ref _jobs);

    public long Abandoned => Interlocked.Read(ref _abandoned);

    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    /// <summary>The running (or last) re-send; completes when it ends, never faults.</summary>
    public Task CurrentJob
    {
        get
        {
            lock (_jobGate)
            {
                return _job;
            }
        }
    }

    /// <summary>
    /// Selects the records of <paramref name="query"/> and, if there are any, starts re-sending them. False with a
    /// <c>busy</c> error while another re-send runs, or a <c>failed</c> one when the outbox cannot be read.
    /// </summary>
    public bool TryStart(HistoryQuery query, CancellationToken linkStopping, [NotNullWhen(true)] out HistorySelection? selection, [NotNullWhen(false)] out CommandError? error)
    {
        selection = null;
        if (Volatile.Read(ref _disposed) != 0)
        {
            error = new CommandError(CommandErrorCodes.Failed, "the gateway is shutting down");
            return false;
        }

        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            error = new CommandError(CommandErrorCodes.Busy, "a history re-send is running; ask again when it has finished");
            return false;
        }

        try
        {
            selection = HistorySelection.Select(_outbox, query, _options.MaxHistoryRecords);
        }
        catch (Exception exception) when (exception is OutboxStorageException or ObjectDisposedException or InvalidOperationException)
        {
            Volatile.Write(ref _busy, 0);
            error = new CommandError(CommandErrorCodes.Failed, $"the stored records could not be read: {exception.Message}");
            return false;
        }

        if (selection.Entries.Count == 0)
        {
            Volatile.Write(ref _busy, 0);
            error = null;
            return true;
        }

        Interlocked.Increment(ref _jobs);
        PlatformCommandLog.HistoryStarted(_logger, selection.Entries.Count, query.PeriodName, CommandTimes.Format(query.FromUtc), CommandTimes.Format(query.ToUtc));
        var entries = selection.Entries;
        lock (_jobGate)
        {
            _job = Task.Run(() => RunAsync(entries, linkStopping), CancellationToken.None);
        }

        error = null;
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await CurrentJob.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken linkStopping)
    {
        IReadOnlyList<UplinkMessage> messages = [];
        var sent = 0;
        CancellationTokenSource? deadline = null;
        CancellationTokenSource? linked = null;
        try
        {
            deadline = new CancellationTokenSource(_options.MaxHistoryDuration, _time);
            linked = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, deadline.Token, linkStopping);
            var cancellation = linked.Token;
            messages = _encoder.Encode(entries);

            // Paced on the monotonic clock: a set-time step of the wall clock must not stall or burst the re-send.
            var spacing = (long)(_time.TimestampFrequency / _options.HistoryMessagesPerSecond);
            var next = _time.GetTimestamp();
            foreach (var message in messages)
            {
                var wait = _time.GetElapsedTime(_time.GetTimestamp(), next);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellation).ConfigureAwait(false);
                }

                var payload = ResentMarker.Mark(message.Payload);
                while (!await _publisher.PublishAsync(message.TopicSuffix, payload, cancellation).ConfigureAwait(false))
                {
                    // Not acknowledged (link down, timeout): the same message again once the link is back.
                    await Task.Delay(_options.HistoryRetryDelay, _time, cancellation).ConfigureAwait(false);
                    await _publisher.WaitUntilConnectedAsync(cancellation).ConfigureAwait(false);
                }

                sent++;
                Interlocked.Increment(ref _messagesSent);

                // After a stall (a retry), pace from now rather than bursting to catch up.
                next = Math.Max(next + spacing, _time.GetTimestamp());
            }

            PlatformCommandLog.HistoryFinished(_logger, messages.Count, entries.Count);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _abandoned);
            var reason = deadline?.IsCancellationRequested == true
                ? $"it ran longer than {_options.MaxHistoryDuration} (is the link down?)"
                : "the gateway is shutting down";
            PlatformCommandLog.HistoryAbandoned(_logger, sent, messages.Count, reason);
        }
        catch (Exception exception)
        {
            // A bug in an encoder must not take the process down from a background task: log it, end the job.
            Interlocked.Increment(ref _abandoned);
            PlatformCommandLog.HistoryFailed(_logger, sent, messages.Count, exception);
        }
        finally
        {
            linked?.Dispose();
            deadline?.Dispose();
            Volatile.Write(ref _busy, 0);
        }
    }
}
