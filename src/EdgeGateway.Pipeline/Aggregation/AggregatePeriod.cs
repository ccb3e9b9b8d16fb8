namespace EdgeGateway.Pipeline.Aggregation;

/// <summary>The period an <see cref="AggregateRecord"/> covers; the uplink sends them as CN 2051, 2061 and 2031.</summary>
public enum AggregatePeriod
{
    /// <summary>The outlet's minute interval (1 to 30 minutes, HJ 212 CN 1064), built from the readings.</summary>
    Minute,

    /// <summary>One wall-clock hour in the site time zone, built from the minute records.</summary>
    Hour,

    /// <summary>One calendar day in the site time zone, built from the hour records.</summary>
    Day,
}
