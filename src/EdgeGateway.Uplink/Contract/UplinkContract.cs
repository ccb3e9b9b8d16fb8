namespace EdgeGateway.Uplink.Contract;

/// <summary>Constants of the platform contract (docs/platform-contract.md).</summary>
public static class UplinkContract
{
    /// <summary>The version every data message carries in <c>schemaVersion</c>; raised only on incompatible changes.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Topic under the root for batched real-time readings.</summary>
    public const string ReadingsTopic = "readings";

    /// <summary>Topic under the root for minute aggregate records.</summary>
    public const string MinuteAggregatesTopic = "aggregates/minute";

    /// <summary>Topic under the root for hour aggregate records.</summary>
    public const string HourAggregatesTopic = "aggregates/hour";

    /// <summary>Topic under the root for day aggregate records.</summary>
    public const string DayAggregatesTopic = "aggregates/day";

    /// <summary>Topic under the root for gateway events.</summary>
    public const string EventsTopic = "events";

    /// <summary>The content type of every JSON message.</summary>
    public const string ContentType = "application/json";
}
