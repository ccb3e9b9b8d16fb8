namespace EdgeGateway.Uplink;

/// <summary>Counters of an <see cref="OutboxPublisher"/> since it started.</summary>
/// <param name="MessagesPublished">Publish attempts made.</param>
/// <param name="MessagesAcknowledged">Messages the broker acknowledged.</param>
/// <param name="RecordsAcknowledged">Outbox records acknowledged through them.</param>
/// <param name="MessagesFailed">Publish attempts that ended without an acknowledgement (retried later).</param>
/// <param name="BacklogMessages">Messages sent from the backlog behind live data.</param>
/// <param name="Backlog">Outbox records not yet acknowledged, now.</param>
/// <param name="InFlight">Messages published and awaiting their outcome, now.</param>
/// <param name="PeakInFlight">The most messages that were in flight at once.</param>
/// <param name="Sessions">Publishing sessions started (one per connected stretch), each counted once it has taken the
/// durable sequence that divides its live data from its backlog.</param>
public readonly record struct OutboxPublisherStatistics(
    long MessagesPublished,
    long MessagesAcknowledged,
    long RecordsAcknowledged,
    long MessagesFailed,
    long BacklogMessages,
    long Backlog,
    int InFlight,
    int PeakInFlight,
    long Sessions);
