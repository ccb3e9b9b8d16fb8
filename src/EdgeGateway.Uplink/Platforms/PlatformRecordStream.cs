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
/// and go as 2021.
/// </summary>
internal sealed class PlatformRecordStream(PlatformLinkContext context, long cursor, bool fromBacklog)
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
        context.Dependencies.Outbox.Acknowledge(context.Destination, upload.Range.First, upload.Range.Last);
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
            if (send)
            {
                selected.Add(entry);
            }
            else
            {
                unsent.Add(entry.Sequence);
            }
        }

        var carried = new HashSet<long>();
        if (selected.Count > 0)
        {
            foreach (var message in context.Encoder.Encode(selected))
            {
                var frames = PlatformFrames.Split(message.Payload);
                if (fromBacklog && context.Is2025)
                {
                    frames = frames.Select(PlatformFrames.MarkResent).ToArray();
                }

                _ready.Enqueue(new PlatformUpload(frames, message.Range, fromBacklog));
                for (var sequence = message.Range.First; sequence <= message.Range.Last; sequence++)
                {
                    carried.Add(sequence);
                }
            }

            // Selected but carried by no packet: a channel without a factor code.
            unsent.AddRange(selected.Where(entry => !carried.Contains(entry.Sequence)).Select(entry => entry.Sequence));
        }

        AcknowledgeUnsent(unsent);
    }

    private void AcknowledgeUnsent(List<long> sequences)
    {
        sequences.Sort();
        var index = 0;
        while (index < sequences.Count)
        {
            var first = sequences[index];
            var last = first;
            while (index + 1 < sequences.Count && sequences[index + 1] == last + 1)
            {
                last = sequences[++index];
            }

            context.Dependencies.Outbox.Acknowledge(context.Destination, first, last);
            index++;
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
