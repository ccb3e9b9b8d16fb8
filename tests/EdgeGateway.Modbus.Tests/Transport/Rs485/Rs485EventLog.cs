using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Modbus.Tests.Transport.Rs485;

/// <summary>
/// What happens on an RS-485 line, in order: the direction switch, the delays (recorded, not slept), the frames written
/// and the reads. Thread-safe, since a master and a test thread may both log.
/// </summary>
internal sealed class Rs485EventLog
{
    private readonly Lock _gate = new();
    private readonly List<string> _events = [];

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>The events about sending a frame, without the reads and discards around them.</summary>
    public IReadOnlyList<string> Sending => [.. Events.Where(entry => !entry.StartsWith("read", StringComparison.Ordinal) && entry != "discard")];

    /// <summary>Stands in for Thread.Sleep in <see cref="Rs485DirectionSwitchingTransport"/>.</summary>
    public void Sleep(TimeSpan delay) => Add($"sleep {delay.TotalMilliseconds}ms");

    public void Add(string entry)
    {
        lock (_gate)
        {
            _events.Add(entry);
        }
    }
}
