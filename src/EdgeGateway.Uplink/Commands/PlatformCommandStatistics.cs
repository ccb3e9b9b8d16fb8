namespace EdgeGateway.Uplink.Commands;

/// <summary>Counters of <see cref="PlatformCommandHandler"/> since start.</summary>
public sealed record PlatformCommandStatistics
{
    /// <summary>Commands answered, successfully or not.</summary>
    public long Requests { get; init; }

    /// <summary>Of those, answered with an error.</summary>
    public long Errors { get; init; }

    /// <summary>History re-sends started.</summary>
    public long HistoryJobs { get; init; }

    /// <summary>History re-sends that ended before sending everything (link down too long, shutdown, failure).</summary>
    public long HistoryJobsAbandoned { get; init; }

    /// <summary>Re-sent messages the broker acknowledged.</summary>
    public long HistoryMessagesSent { get; init; }

    /// <summary>Whether a history re-send is running now.</summary>
    public bool HistoryRunning { get; init; }
}
