namespace EdgeGateway.Hosting.Health;

/// <summary>The link to the platform and what it still owes.</summary>
internal sealed record UplinkHealth(
    string Broker,
    string State,
    bool Connected,
    long Connects,
    long BacklogRecords,
    double BacklogAgeSeconds,
    long MessagesAcknowledged,
    long MessagesFailed);
