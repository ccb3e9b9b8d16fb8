namespace EdgeGateway.Hardware;

/// <summary>
/// Tells from the publisher's count of backlog messages whether the uplink is draining stored records: it is while
/// the count keeps growing, and for <see cref="Hold"/> after it last grew, because the backlog is sent at a limited
/// rate and a pause between two messages is not the end of the backlog.
/// </summary>
internal sealed class BacklogDrainWatch
{
    /// <summary>How long after the last backlog message the uplink still counts as draining.</summary>
    public static readonly TimeSpan Hold = TimeSpan.FromSeconds(5);

    private long _backlogMessages = -1;
    private DateTimeOffset _lastGrowth = DateTimeOffset.MinValue;

    /// <summary>Takes the count now; the first sample only sets the baseline (messages sent before it are history).</summary>
    public bool IsDraining(long backlogMessages, DateTimeOffset now)
    {
        if (_backlogMessages >= 0 && backlogMessages != _backlogMessages)
        {
            _lastGrowth = now;
        }

        _backlogMessages = backlogMessages;
        return now - _lastGrowth < Hold;
    }
}
