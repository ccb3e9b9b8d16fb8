namespace EdgeGateway.Pipeline;

/// <summary>What a channel's readings are: decides whether they count as pollutant data.</summary>
public enum ChannelKind
{
    /// <summary>A measured factor (pollutant, O2, flow, temperature, …): aggregated, limited, sent as 2011/2051/2061/2031.</summary>
    Measurement,

    /// <summary>
    /// The state of a treatment facility (HJ 212 <c>SBxxx-RS</c>, value 0-5; the code is the equipment code such as
    /// <c>SB1</c>): stored as readings and sent as 2021, but never in minute, hour or day records, nor limited.
    /// </summary>
    RunState,
}
