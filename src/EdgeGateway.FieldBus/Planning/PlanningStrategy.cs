namespace EdgeGateway.FieldBus.Planning;

/// <summary>How <see cref="ReadPlanner"/> groups items into requests. Only <see cref="GapMerging"/> is for production; the others exist so benchmarks and tests can compare against what peers do.</summary>
public enum PlanningStrategy
{
    /// <summary>Ours (Telegraf's <c>max_insert</c>): merge across holes of up to <see cref="ReadPlanLimits.MaxGap"/>, capped at the request maximum.</summary>
    GapMerging,

    /// <summary>Neuron's way: merge only touching or overlapping items, capped at the request maximum.</summary>
    ContiguousOnly,

    /// <summary>One request per item, as ThingsBoard GW did for years.</summary>
    OnePerChannel,
}
