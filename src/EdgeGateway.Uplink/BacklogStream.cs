namespace EdgeGateway.Uplink;

/// <summary>
/// What was durable and unacknowledged when a publishing session started, sent behind live data: at most
/// <see cref="OutboxPublisherOptions.BacklogMessagesPerSecond"/> (a token bucket holding up to one second's worth), in
/// all but one slot of the window, so a live batch never waits for backlog PUBACKs to start.
/// </summary>
internal sealed class BacklogStream
{
    private readonly UnacknowledgedRecords _records;
    private readonly double _rate;
    private readonly int _window;
    private readonly long _limit;
    private long _cursor;

    // A batch whose messages the rate or the window cut short; its rest goes out first, without encoding it anew
    // (its records are still unacknowledged and would be read again).
    private EncodedBatch? _batch;
    private int _sent;
    private double _tokens = 1.0;
    private DateTimeOffset _lastRefill;

    public BacklogStream(UnacknowledgedRecords records, OutboxPublisherOptions options, long durableAtStart, DateTimeOffset now)
    {
        _records = records;
        _rate = options.BacklogMessagesPerSecond;
        _window = Math.Max(1, options.MaxInFlight - 1);
        _limit = durableAtStart;
        _lastRefill = now;
    }

    /// <summary>Whether anything of the backlog is left to send.</summary>
    public bool HasWork => _cursor < _limit;

    /// <summary>When the next message's token is due, while the rate holds the backlog back; null otherwise.</summary>
    public DateTimeOffset? TokenDueAt => HasWork && _tokens < 1
        ? _lastRefill + TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling((1 - _tokens) / _rate * TimeSpan.TicksPerSecond)))
        : null;

    /// <summary>Sends what the rate and the window allow now; false when nothing moved.</summary>
    /// <exception cref="Storage.OutboxStorageException">The store is failing.</exception>
    public bool Step(DateTimeOffset now, InFlightPublishes inFlight, AcknowledgingSender sender, CancellationToken ending)
    {
        if (!HasWork)
        {
            return false;
        }

        _tokens = Math.Min(Math.Max(1, _rate), _tokens + ((now - _lastRefill).TotalSeconds * _rate));
        _lastRefill = now;
        if (_tokens < 1 || inFlight.Count >= _window)
        {
            return false;
        }

        var progressed = false;
        if (_batch is null)
        {
            var entries = _records.Read(_cursor, _limit);
            if (entries.Count == 0)
            {
                _cursor = _limit;
                return false;
            }

            _batch = _records.Encode(entries);
            _sent = 0;
            if (_batch.Messages.Count == 0)
            {
                sender.Settle(_batch.Plan.Uncarried);
            }
        }

        while (_sent < _batch.Messages.Count && _tokens >= 1 && inFlight.Count < _window && !ending.IsCancellationRequested)
        {
            _tokens--;
            sender.Publish(inFlight, _batch.Messages[_sent], _batch.Plan, _sent, fromBacklog: true);
            _sent++;
            progressed = true;
        }

        if (_sent == _batch.Messages.Count)
        {
            _cursor = _batch.LastSequence;
            _batch = null;
            progressed = true;
        }

        return progressed;
    }
}
