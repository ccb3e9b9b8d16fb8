using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Values;

namespace EdgeGateway.Simulator.Signals;

/// <summary>
/// Picks a plausible signal for a channel from its HJ 212 factor code and measuring range: SO2 at a third of its
/// range, O2 around 9 %, pH 7 ± 0.3, COD held for a digestion cycle, totalisers that only grow. Codes it does not
/// know sit in the middle of their range and vary slowly.
/// </summary>
public static class SignalCatalog
{
    /// <summary>Measurement cycle of the wet-chemistry analyzers (COD, NH3-N, TP, TN); real ones take 30-60 min, shortened so a demo shows change.</summary>
    public static readonly TimeSpan BatchCycle = TimeSpan.FromMinutes(10);

    /// <summary>What a channel of an unknown code does: the middle tenth of its range, slowly.</summary>
    public static readonly TypicalSignal Unknown = new(0.45, 0.55, OfRange: true, Minutes(15));

    /// <summary>Cross-section of a 4 m round duct, for an area channel (a01016) without a range.</summary>
    private const double DuctArea = 12.57;

    /// <summary>The signal for <paramref name="channel"/> in a run seeded with <paramref name="seed"/>.</summary>
    public static ISignal For(ProfileChannel channel, int seed)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var key = DeterministicNoise.Key(seed, channel.Id);
        var limits = ChannelEncoding.EngineeringLimits(channel);
        if (channel.RunStates is { Count: > 0 } runStates)
        {
            // A treatment facility that runs: the register value the profile maps to "running" (else its first value).
            var running = runStates.Where(state => state.Value == EquipmentRunState.Running).Select(state => (long?)state.Key).FirstOrDefault();
            return new ConstantSignal(running ?? runStates.Keys.Min());
        }

        if (channel.Type is ModbusDataType.Bool or ModbusDataType.Bit)
        {
            // A switch-like channel (pump running, door open): left at 0 unless a test overrides it.
            return new ConstantSignal(0);
        }

        if (channel.Range is null && IsTotaliser(channel))
        {
            var capacity = channel.Type is ModbusDataType.F32 or ModbusDataType.F64 ? 1e9 : limits.Maximum;
            return capacity > 0 ? new TotaliserSignal(TotaliserRate(channel.Code), capacity, key) : new ConstantSignal(0);
        }

        if (channel.Range is null && channel.Code == "a01016")
        {
            return new ConstantSignal(Math.Clamp(DuctArea, limits.Minimum, limits.Maximum));
        }

        var typical = TypicalFor(channel.Code, channel.Unit);
        var (minimum, maximum) = channel.Range is { } range
            ? (range.Min, range.Max)
            : (Math.Max(0, limits.Minimum), Math.Min(100, limits.Maximum));
        minimum = Math.Max(minimum, limits.Minimum);
        maximum = Math.Min(maximum, limits.Maximum);
        if (minimum > maximum)
        {
            // The range lies outside what the registers can carry: the profile validator should have caught it.
            return new ConstantSignal(Math.Clamp(0, limits.Minimum, limits.Maximum));
        }

        var (low, high) = BandOf(typical, minimum, maximum);
        if (!typical.OfRange && (low < minimum || high > maximum))
        {
            // An absolute band that does not fit this range: probably another unit than the catalog assumes.
            typical = Unknown with { WavePeriod = typical.WavePeriod, HoldPeriod = typical.HoldPeriod };
            (low, high) = BandOf(typical, minimum, maximum);
        }

        var shape = new SignalShape(low, high, typical.WavePeriod, typical.NoiseFraction, typical.DriftFraction, HoldPeriod: typical.HoldPeriod);
        return new EmissionSignal(shape, minimum, maximum, key);
    }

    /// <summary>The usual band of an HJ 212 factor code; <see cref="Unknown"/> for codes not listed.</summary>
    /// <param name="code">The factor code, e.g. <c>a21026</c>.</param>
    /// <param name="unit">The channel's unit: pressures given in Pa instead of kPa are scaled.</param>
    public static TypicalSignal TypicalFor(string code, string unit)
    {
        ArgumentNullException.ThrowIfNull(code);
        var typical = code switch
        {
            // Flue gas: concentrations as fractions of the range, since ranges are chosen per stack.
            "a21026" => Fraction(0.25, 0.40, 10),         // SO2
            "a21002" => Fraction(0.20, 0.35, 12),         // NOx
            "a21003" => Fraction(0.15, 0.30, 12),         // NO
            "a21004" => Fraction(0.02, 0.06, 12),         // NO2
            "a21005" => Fraction(0.05, 0.15, 8),          // CO
            "a21001" => Fraction(0.02, 0.08, 9),          // NH3 slip
            "a21024" => Fraction(0.05, 0.15, 11),         // HCl
            "a05001" => Absolute(10, 13, 20),             // CO2, %
            "a19001" => Absolute(8, 10, 15),              // O2, %
            "a01012" => Absolute(120, 140, 30, 0.03),     // flue-gas temperature, °C
            "a01013" => Absolute(-0.6, -0.3, 7),          // static pressure, kPa (induced draught: below ambient)
            "a01014" => Absolute(8, 12, 25),              // humidity, %
            "a01011" => Absolute(10, 15, 6),              // velocity, m/s
            "a01017" => Absolute(0.06, 0.12, 6),          // dynamic pressure, kPa
            "a00000" => Fraction(0.40, 0.60, 6),          // flue-gas flow
            "a34013" => Absolute(5, 12, 5, 0.15),         // particulate, mg/m³
            // Sample conditioning: regulated temperatures hold close to their set points.
            "i33001" => Regulated(178, 182, 4),           // heated sample line, °C
            "i33002" => Regulated(3.5, 4.5, 4),           // sample cooler, °C
            // Wastewater.
            "w01018" => Absolute(30, 60, 90) with { HoldPeriod = BatchCycle },   // COD, mg/L
            "w21003" => Absolute(2, 5, 90) with { HoldPeriod = BatchCycle },     // NH3-N, mg/L
            "w21011" => Absolute(0.2, 0.5, 90) with { HoldPeriod = BatchCycle }, // TP, mg/L
            "w21001" => Absolute(8, 15, 90) with { HoldPeriod = BatchCycle },    // TN, mg/L
            "w01001" => Regulated(6.7, 7.3, 20),          // pH: buffered, stays within 7 ± 0.3
            "w01010" => Absolute(18, 24, 60, 0.03),       // water temperature, °C
            "w00000" => Fraction(0.30, 0.50, 10),         // water flow
            _ => Unknown,
        };

        if (code is "a01013" or "a01017" && string.Equals(unit, "Pa", StringComparison.Ordinal) && !typical.OfRange)
        {
            typical = typical with { Low = typical.Low * 1000, High = typical.High * 1000 };
        }

        return typical;
    }

    /// <summary>A channel without a range whose id or name says "total": a counter (m³, kg) rather than a rate.</summary>
    public static bool IsTotaliser(ProfileChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return channel.IsTotal
            || channel.Id.Contains("total", StringComparison.OrdinalIgnoreCase)
            || channel.Name.Contains("total", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Average growth of a totaliser, per second, in the units profiles use for totals.</summary>
    private static double TotaliserRate(string code) => code switch
    {
        "a00000" => 400,     // flue-gas volume, m³: a stack of about 400 m³/s
        "w00000" => 0.08,    // wastewater volume, m³: about 80 L/s
        "a34013" => 0.004,   // particulate mass, kg: 8 mg/m³ at 500 m³/s
        _ => 1,
    };

    private static (double Low, double High) BandOf(TypicalSignal typical, double minimum, double maximum) =>
        typical.OfRange
            ? (minimum + (typical.Low * (maximum - minimum)), minimum + (typical.High * (maximum - minimum)))
            : (typical.Low, typical.High);

    private static TypicalSignal Fraction(double low, double high, double periodMinutes) =>
        new(low, high, OfRange: true, Minutes(periodMinutes));

    private static TypicalSignal Absolute(double low, double high, double periodMinutes, double noiseFraction = 0.08) =>
        new(low, high, OfRange: false, Minutes(periodMinutes), NoiseFraction: noiseFraction);

    /// <summary>A quantity a controller or a buffer holds: sine and noise fill the band, drift hardly leaves it.</summary>
    private static TypicalSignal Regulated(double low, double high, double periodMinutes) =>
        new(low, high, OfRange: false, Minutes(periodMinutes), NoiseFraction: 0.05, DriftFraction: 0.05);

    private static TimeSpan Minutes(double minutes) => TimeSpan.FromMinutes(minutes);
}
