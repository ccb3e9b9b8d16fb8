namespace EdgeGateway.Hardware;

/// <summary>The analyzers on the field buses, as the bus LED shows them.</summary>
internal enum BusCondition
{
    /// <summary>No analyzer answers (or none is configured).</summary>
    NoneAnswering,

    /// <summary>Some answer, some are degraded (not answering) or on a bus whose loop is not running.</summary>
    SomeDegraded,

    /// <summary>Every configured analyzer answers.</summary>
    AllAnswering,
}
