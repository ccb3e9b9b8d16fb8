namespace EdgeGateway.Pipeline;

/// <summary>
/// The newest reading of every channel, for status, <c>egw watch</c> and the demo. Written by the consumer, read by
/// anyone: a 32-byte struct cannot be read atomically, so reads and writes take a lock (reads are rare).
/// </summary>
public sealed class LatestReadings(int channelCount) : IReadingBatchHandler
{
    private readonly Lock _gate = new();
    private readonly Reading[] _latest = new Reading[channelCount];
    private readonly bool[] _seen = new bool[channelCount];

    public void Handle(ReadOnlySpan<Reading> batch)
    {
        lock (_gate)
        {
            foreach (ref readonly var reading in batch)
            {
                _latest[reading.Channel] = reading;
                _seen[reading.Channel] = true;
            }
        }
    }

    public void Tick(DateTimeOffset now)
    {
    }

    /// <summary>The newest reading of a channel, if any arrived.</summary>
    public bool TryGet(int channel, out Reading reading)
    {
        lock (_gate)
        {
            reading = _latest[channel];
            return _seen[channel];
        }
    }
}
