namespace EdgeGateway.Simulator.Signals;

/// <summary>How an emission signal moves: the band it normally stays in and how it wanders inside it.</summary>
/// <param name="Low">Lower edge of the usual band, in engineering units.</param>
/// <param name="High">Upper edge of the usual band; a slow sine and a slower one sweep between the edges.</param>
/// <param name="WavePeriod">Period of the main sine (minutes for stack gases; the slower sine is about seven times longer).</param>
/// <param name="NoiseFraction">Amplitude of the small fast noise, as a fraction of half the band.</param>
/// <param name="DriftFraction">Height of an occasional drift bump, as a fraction of half the band; it may leave the band.</param>
/// <param name="DriftChance">Chance that a given hour carries a drift bump.</param>
/// <param name="HoldPeriod">
/// For batch analyzers (COD, NH3-N, TP, TN digest a sample for many minutes): the value changes once per period
/// and holds in between, without noise. Zero for continuous analyzers.
/// </param>
public sealed record SignalShape(
    double Low,
    double High,
    TimeSpan WavePeriod,
    double NoiseFraction = 0.08,
    double DriftFraction = 0.6,
    double DriftChance = 0.2,
    TimeSpan HoldPeriod = default);
