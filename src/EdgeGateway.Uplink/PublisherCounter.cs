namespace EdgeGateway.Uplink;

/// <summary>The counts the publisher keeps (<see cref="OutboxPublisherStatistics"/> reports them).</summary>
public enum PublisherCounter
{
    MessagesPublished,
    MessagesAcknowledged,
    RecordsAcknowledged,
    MessagesFailed,
    BacklogMessages,
    InFlight,
    Sessions,
}
