namespace EdgeGateway.Uplink.Platforms;

/// <summary>A platform link's counters (<see cref="Primitives.Counting.CounterSet{TCounter}"/>), shown in <see cref="PlatformStatus"/>.</summary>
internal enum PlatformLinkCounter
{
    /// <summary>Packets written for the first time (uploads, answers, heartbeats).</summary>
    PacketsSent,

    /// <summary>Identical re-sends after OverTime.</summary>
    Resends,

    /// <summary>Exchanges given up after ReCount re-sends.</summary>
    Unanswered,

    /// <summary>Records sent from the backlog after an outage.</summary>
    BacklogResent,

    /// <summary>Frames from the platform that did not decode (bad CRC, bad length, malformed).</summary>
    BadFrames,

    /// <summary>Host requests answered.</summary>
    HostRequests,

    /// <summary>Connections opened.</summary>
    Sessions,
}
