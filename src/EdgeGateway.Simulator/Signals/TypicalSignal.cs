namespace EdgeGateway.Simulator.Signals;

/// <summary>Where a quantity usually sits at a working stack or outfall, and how fast it moves.</summary>
/// <param name="Low">Lower edge of the usual band: in engineering units, or a fraction of the measuring range when <paramref name="OfRange"/>.</param>
/// <param name="High">Upper edge of the usual band.</param>
/// <param name="OfRange">True when the band is given as fractions of the measuring range (concentrations whose range varies by site).</param>
/// <param name="WavePeriod">Period of the main slow sine.</param>
/// <param name="HoldPeriod">Measurement cycle of a batch analyzer; zero for continuous ones.</param>
/// <param name="NoiseFraction">Noise amplitude as a fraction of half the band.</param>
/// <param name="DriftFraction">Height of an occasional drift bump as a fraction of half the band; small for regulated quantities.</param>
public sealed record TypicalSignal(
    double Low,
    double High,
    bool OfRange,
    TimeSpan WavePeriod,
    TimeSpan HoldPeriod = default,
    double NoiseFraction = 0.08,
    double DriftFraction = 0.6);
