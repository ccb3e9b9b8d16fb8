namespace EdgeGateway.Pipeline.Aggregation;

/// <summary>What an outlet did with a reading.</summary>
internal enum ReadingOutcome
{
    Accepted,

    /// <summary>Its minute window had already closed.</summary>
    Late,

    /// <summary>Not after the channel's previous sample (a duplicate, or the channel went back in time).</summary>
    OutOfOrder,
}
