namespace EdgeGateway.Uplink;

/// <summary>
/// What was durable and unacknowledged when a publishing session started, sent behind live data in all but one slot
/// of the window, so a live batch never waits for backlog PUBACKs to start. The window is the pace: a slot frees when
/// the broker acknowledges, so the backlog goes as fast as the link and the broker carry it (the rate follows the
/// PUBACKs). <see cref="OutboxPublisherOptions.BacklogMessagesPerSecond"/>, when set, caps it on top (a token bucket
/// holding up to one second's worth).
/// </summary>
internal sealed class BacklogStream
{
    private readonly UnacknowledgedRecords _records;
    private readonly double? _rate;
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

    /// <summary>When the next message's token is due, while a configured rate holds the backlog back; null otherwise.</summary>
    public DateTimeOffset? TokenDueAt => HasWork && _rate is { } rate && _tokens < 1
        ? _lastRefill + TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling((1 - _tokens) / rate * TimeSpan.TicksPerSecond)))
        : null;

    /// <summary>Sends what the window (and a configured rate) allow now; false when nothing moved.</summary>
    /// <exception cref="Storage.OutboxStorageException">The store is failing.</exception>
    public bool Step(DateTimeOffset now, InFlightPublishes inFlight, AcknowledgingSender sender, CancellationToken ending)
    {
        if (!HasWork)
        {
            return false;
        }

        Refill(now);
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
            Spend();
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

    // Without a configured rate there is always a token: the window alone paces.
    private void Refill(DateTimeOffset now)
    {
        if (_rate is { } rate)
        {
            _tokens = Math.Min(Math.Max(1, rate), _tokens + ((now - _lastRefill).TotalSeconds * rate));
            _lastRefill = now;
        }
    }

    private void Spend()
    {
        if (_rate is not null)
        {
            _tokens--;
        }
    }
}
