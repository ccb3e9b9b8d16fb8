using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Aggregation;
using EdgeGateway.Storage;

namespace EdgeGateway.Uplink.Platforms;

/// <summary>
/// The records owed to a platform between a cursor and a limit, as <see cref="PlatformUpload"/>s in outbox order:
/// the session's live stream (limit: the durable sequence) or its backlog (limit: what was durable when the session
/// started). What the platform does not get is acknowledged for it at once, unsent: events (not HJ 212 data), kinds
/// not in <see cref="PlatformOptions.Uploads"/>, readings while real-time upload is off and the readings
/// <see cref="RealTimeSelection"/> leaves out, and records whose channel has no factor code. Readings of run-state
/// channels are selected the same way (one per channel and RealTimeInterval window) while the run-state upload is on,
/// and go as 2021. With a MinInterval N above 1 (1064) the 1-minute records go as N-minute records, one upload per
/// outlet and window once the window is complete (<see cref="PlatformMinuteWindows"/>), which acknowledges exactly the
/// window's 1-minute records.
/// </summary>
internal sealed class PlatformRecordStream(PlatformLinkContext context, long cursor, bool fromBacklog, PlatformMinuteWindows minuteWindows)
{
    private readonly Queue<PlatformUpload> _ready = new();
    private readonly RealTimeSelection _realTime = new();
    private readonly RealTimeSelection _runState = new();
    private long _cursor = cursor;

    /// <summary>The next upload, reading more records up to <paramref name="limit"/> when none is ready; null when none is owed.</summary>
    /// <exception cref="OutboxStorageException">The store is failing.</exception>
    public PlatformUpload? Peek(long limit)
    {
        while (_ready.Count == 0 && _cursor < limit)
        {
            ReadMore(limit);
        }

        return _ready.Count > 0 ? _ready.Peek() : null;
    }

    /// <summary>The upload <see cref="Peek"/> gave went through: its records are acknowledged for the platform.</summary>
    public void Complete(PlatformUpload upload)
    {
        foreach (var range in upload.Acknowledged)
        {
            context.Dependencies.Outbox.Acknowledge(context.Destination, range.First, range.Last);
        }

        if (upload.MinuteWindow is { } window)
        {
            minuteWindows.Done(window);
        }

        _ready.Dequeue();
    }

    private void ReadMore(long limit)
    {
        var outbox = context.Dependencies.Outbox;
        var read = outbox.ReadUnacknowledged(context.Destination, _cursor, context.Dependencies.BatchSize);
        var entries = read.TakeWhile(entry => entry.Sequence <= limit).ToList();
        if (entries.Count == 0)
        {
            _cursor = limit;
            return;
        }

        _cursor = entries[^1].Sequence;
        var selected = new List<OutboxEntry>(entries.Count);
        var unsent = new List<long>();
        var completed = new List<MinuteIntervalWindow>();
        var realTimeOn = context.RealTimeOn;
        var runStateOn = context.RunStateOn;
        var interval = context.RealTimeInterval;
        var channels = context.Dependencies.Channels;
        foreach (var entry in entries)
        {
            var send = entry switch
            {
                OutboxReading reading when IsRunState(channels, reading.Reading.Channel) => runStateOn && _runState.Take(reading.Reading, interval),
                OutboxReading reading => realTimeOn && _realTime.Take(reading.Reading, interval),
                OutboxAggregate aggregate => context.Options.Uploads.HasFlag(UploadOf(aggregate.Record.Period)),
                _ => false,
            };
            // Held for its MinInterval window, or not; the windows it completed go after what was selected before it.
            var held = send && entry is OutboxAggregate minute && minuteWindows.Take(minute, limit, completed);
            if (completed.Count > 0)
            {
                EnqueueSelected(selected, unsent);
                completed.ForEach(window => EnqueueWindow(window, unsent));
                completed.Clear();
            }

            if (held)
            {
                continue;
            }

            if (send)
            {
                selected.Add(entry);
            }
            else
            {
                unsent.Add(entry.Sequence);
            }
        }

        EnqueueSelected(selected, unsent);
        AcknowledgeUnsent(unsent);
    }

    private void EnqueueSelected(List<OutboxEntry> selected, List<long> unsent)
    {
        if (selected.Count == 0)
        {
            return;
        }

        var carried = new HashSet<long>();
        foreach (var message in context.Encoder.Encode(selected))
        {
            _ready.Enqueue(new PlatformUpload(Frames(message.Payload), [message.Range], fromBacklog));
            for (var sequence = message.Range.First; sequence <= message.Range.Last; sequence++)
            {
                carried.Add(sequence);
            }
        }

        // Selected but carried by no packet: a channel without a factor code.
        unsent.AddRange(selected.Where(entry => !carried.Contains(entry.Sequence)).Select(entry => entry.Sequence));
        selected.Clear();
    }

    // The combined records get consecutive stand-in sequences so the encoder groups them as one window's; what is
    // acknowledged is the window's own 1-minute records.
    private void EnqueueWindow(MinuteIntervalWindow window, List<long> unsent)
    {
        var entries = window.Records.Select((record, index) => (OutboxEntry)new OutboxAggregate(index + 1, record)).ToList();
        var frames = context.Encoder.Encode(entries).SelectMany(message => Frames(message.Payload)).ToArray();
        if (frames.Length == 0)
        {
            // No channel of the window has a factor code: acknowledged unsent with the batch's others.
            unsent.AddRange(window.Sequences);
            minuteWindows.Done(window);
            return;
        }

        _ready.Enqueue(new PlatformUpload(frames, PlatformUpload.RangesOf(window.Sequences), fromBacklog) { MinuteWindow = window });
    }

    private IReadOnlyList<byte[]> Frames(byte[] payload)
    {
        var frames = PlatformFrames.Split(payload);
        return fromBacklog && context.Is2025 ? frames.Select(PlatformFrames.MarkResent).ToArray() : frames;
    }

    private void AcknowledgeUnsent(List<long> sequences)
    {
        foreach (var range in PlatformUpload.RangesOf(sequences))
        {
            context.Dependencies.Outbox.Acknowledge(context.Destination, range.First, range.Last);
        }
    }

    private static bool IsRunState(ChannelTable channels, int channel) =>
        channel >= 0 && channel < channels.Count && channels[channel].IsRunState;

    private static PlatformUploads UploadOf(AggregatePeriod period) => period switch
    {
        AggregatePeriod.Minute => PlatformUploads.Minute,
        AggregatePeriod.Hour => PlatformUploads.Hour,
        _ => PlatformUploads.Day,
    };
}
