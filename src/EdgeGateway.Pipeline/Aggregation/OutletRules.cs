namespace EdgeGateway.Pipeline.Aggregation;

/// <summary>
/// The aggregation rules of one outlet (one discharge point, usually one MN towards the platform): which channels
/// belong to it, which of them is the O₂ and the flow, how long its minute records are and when they are valid.
/// </summary>
public sealed record OutletRules
{
    /// <summary>The minute intervals HJ 212-2017 CN 1064 allows.</summary>
    public static IReadOnlyList<int> AllowedMinuteIntervals { get; } = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30];

    /// <summary>Unique name of the outlet within the site; the snapshot matches outlets by it.</summary>
    public required string Name { get; init; }

    public required OutletKind Kind { get; init; }

    /// <summary>Channel indices (<see cref="Pipeline.ChannelTable"/>) of the outlet, O₂ and flow included; records come out in this order.</summary>
    public required IReadOnlyList<int> Channels { get; init; }

    /// <summary>The O₂ channel (a19001, %); with <see cref="ReferenceOxygenPercent"/> it turns on converted (Zs) values. Flue gas only.</summary>
    public int? OxygenChannel { get; init; }

    /// <summary>The reference O₂ of the emission standard in %, e.g. 6 for coal-fired boilers.</summary>
    public double? ReferenceOxygenPercent { get; init; }

    /// <summary>The flow channel (a00000 in m³/s, or w00000 in L/s); it turns on Cou (volume, and emission mass of the pollutants).</summary>
    public int? FlowChannel { get; init; }

    /// <summary>Length of the minute record in minutes; one of <see cref="AllowedMinuteIntervals"/>. Wastewater sites often use 10.</summary>
    public int MinuteIntervalMinutes { get; init; } = 1;

    /// <summary>How often the outlet's analyzers are polled: the share of time of a sample without a predecessor, and the expected sample count.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Longest share of time one sample may stand for (Δt in Cou) when the gap to the previous sample is longer,
    /// e.g. after a restart; null means twice <see cref="PollInterval"/>.
    /// </summary>
    public TimeSpan? MaxSampleShare { get; init; }

    /// <summary>
    /// How far apart a pollutant sample and the O₂ or flow sample it is paired with may be. Zero (the default) pairs
    /// only samples of the same poll (same timestamp); raise it when O₂ or flow is polled on another bus.
    /// </summary>
    public TimeSpan PairingTolerance { get; init; } = TimeSpan.Zero;

    public ValidityThresholds Validity { get; init; } = new();
}
