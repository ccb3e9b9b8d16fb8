namespace EdgeGateway.Simulator.Signals;

/// <summary>
/// A continuously measured value: the middle of its band, a slow sine over minutes, a slower one over hours, a
/// little smooth noise and, some hours, a drift bump; kept inside the measuring range.
/// </summary>
public sealed class EmissionSignal : ISignal
{
    /// <summary>Seconds between the knots of the noise: fast enough to look alive at a 1 s poll, slow enough not to flicker.</summary>
    private const double NoiseStepSeconds = 2;

    private const double DriftWindowSeconds = 3600;
    private const double WaveShare = 0.65;
    private const double SlowWaveShare = 0.25;
    private const double SlowWaveStretch = 7.3;

    private readonly SignalShape _shape;
    private readonly double _minimum;
    private readonly double _maximum;
    private readonly double _center;
    private readonly double _halfBand;
    private readonly double _wavePeriodSeconds;
    private readonly double _wavePhase;
    private readonly double _slowWavePhase;
    private readonly double _driftOffsetSeconds;
    private readonly ulong _noiseKey;
    private readonly ulong _driftKey;

    /// <param name="shape">How the signal moves.</param>
    /// <param name="minimum">The lowest value it may take (the measuring range's minimum).</param>
    /// <param name="maximum">The highest value it may take.</param>
    /// <param name="key">From <see cref="DeterministicNoise.Key"/>: phases, noise and drifts follow from it.</param>
    public EmissionSignal(SignalShape shape, double minimum, double maximum, ulong key)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (!(minimum <= maximum))
        {
            throw new ArgumentException($"minimum {minimum} is above maximum {maximum}", nameof(minimum));
        }

        if (shape.WavePeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException("the wave period must be positive", nameof(shape));
        }

        _shape = shape;
        _minimum = minimum;
        _maximum = maximum;
        _center = (shape.Low + shape.High) / 2;
        _halfBand = Math.Abs(shape.High - shape.Low) / 2;

        // Channels of one profile share periods by code; jitter them so two gases do not move in lockstep.
        _wavePeriodSeconds = shape.WavePeriod.TotalSeconds * (0.8 + (0.4 * DeterministicNoise.Fraction(key, 1)));
        _wavePhase = DeterministicNoise.Fraction(key, 2);
        _slowWavePhase = DeterministicNoise.Fraction(key, 3);
        _driftOffsetSeconds = DeterministicNoise.Fraction(key, 4) * DriftWindowSeconds;
        _noiseKey = DeterministicNoise.Derive(key, 1);
        _driftKey = DeterministicNoise.Derive(key, 2);
    }

    public SignalShape Shape => _shape;

    public double ValueAt(DateTimeOffset time)
    {
        var seconds = time.ToUnixTimeMilliseconds() / 1000.0;
        var noise = 0.0;
        if (_shape.HoldPeriod > TimeSpan.Zero)
        {
            // A batch analyzer reports its last finished measurement until the next one ends.
            var hold = _shape.HoldPeriod.TotalSeconds;
            seconds = Math.Floor(seconds / hold) * hold;
        }
        else
        {
            noise = _shape.NoiseFraction * _halfBand * DeterministicNoise.Smooth(_noiseKey, seconds, NoiseStepSeconds);
        }

        var wave = WaveShare * _halfBand * Math.Sin(2 * Math.PI * ((seconds / _wavePeriodSeconds) + _wavePhase));
        var slowWave = SlowWaveShare * _halfBand * Math.Sin(2 * Math.PI * ((seconds / (_wavePeriodSeconds * SlowWaveStretch)) + _slowWavePhase));
        var value = _center + wave + slowWave + noise + Drift(seconds);
        return Math.Clamp(value, _minimum, _maximum);
    }

    /// <summary>Some hours carry a bump that rises and falls smoothly over the hour, as a sensor or process drifts.</summary>
    private double Drift(double seconds)
    {
        if (_shape.DriftChance <= 0 || _shape.DriftFraction == 0)
        {
            return 0;
        }

        var shifted = seconds + _driftOffsetSeconds;
        var window = (long)Math.Floor(shifted / DriftWindowSeconds);
        if (DeterministicNoise.Fraction(_driftKey, window * 3) >= _shape.DriftChance)
        {
            return 0;
        }

        var direction = DeterministicNoise.Fraction(_driftKey, (window * 3) + 1) < 0.5 ? -1.0 : 1.0;
        var size = 0.5 + (0.5 * DeterministicNoise.Fraction(_driftKey, (window * 3) + 2));
        var progress = (shifted - (window * DriftWindowSeconds)) / DriftWindowSeconds;
        var bump = Math.Sin(Math.PI * progress);
        return direction * size * _shape.DriftFraction * _halfBand * bump * bump;
    }
}
