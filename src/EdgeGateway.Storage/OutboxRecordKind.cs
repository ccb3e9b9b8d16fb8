namespace EdgeGateway.Storage;

/// <summary>The kinds of outbox record, each with its own retention period (<see cref="OutboxRetention"/>).</summary>
public enum OutboxRecordKind
{
    /// <summary>A real-time <see cref="Pipeline.Reading"/>.</summary>
    Reading,

    /// <summary>An <see cref="Aggregation.AggregateRecord"/> of <see cref="Aggregation.AggregatePeriod.Minute"/>.</summary>
    MinuteRecord,

    /// <summary>An <see cref="Aggregation.AggregateRecord"/> of <see cref="Aggregation.AggregatePeriod.Hour"/>.</summary>
    HourRecord,

    /// <summary>An <see cref="Aggregation.AggregateRecord"/> of <see cref="Aggregation.AggregatePeriod.Day"/>.</summary>
    DayRecord,

    /// <summary>A <see cref="GatewayEvent"/>.</summary>
    Event,
}
