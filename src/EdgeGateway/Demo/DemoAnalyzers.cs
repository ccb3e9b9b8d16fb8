using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Simulator;
using EdgeGateway.Simulator.Signals;

namespace EdgeGateway.Demo;

/// <summary>
/// The demo's simulated analyzers and the story they tell in the first minutes: a plant under ultra-low emission
/// limits whose SO2 climbs over its limit about a minute after the start and comes back (a pre-warning raised and
/// cleared), and whose wastewater COD passes its limit a little later (an exceedance, a sample retained, cleared);
/// both come back every half hour and hour. The CEMS's SO2 has also drifted, as analyzers do between calibrations,
/// so that egw calibrate (the technician guide) has something to correct.
/// </summary>
internal sealed class DemoAnalyzers
{
    public const double SensorGain = 1.03;
    public const double SensorOffset = 4;

    /// <summary>SO2 climbs this long after the start, for this long, every half hour.</summary>
    public static readonly TimeSpan So2ExcursionAfter = TimeSpan.FromMinutes(1);

    /// <summary>COD passes its limit this long after the start, every hour.</summary>
    public static readonly TimeSpan CodExcursionAfter = TimeSpan.FromMinutes(5);

    private DemoAnalyzers(SimulatedAnalyzer cems, SimulatedAnalyzer dust, SimulatedAnalyzer water)
    {
        Cems = cems;
        Dust = dust;
        Water = water;
    }

    public SimulatedAnalyzer Cems { get; }

    public SimulatedAnalyzer Dust { get; }

    public SimulatedAnalyzer Water { get; }

    /// <param name="cems">The flue-gas CEMS profile.</param>
    /// <param name="dust">The particulate/flow meter profile.</param>
    /// <param name="water">The wastewater cabinet profile (with a sampler).</param>
    /// <param name="clock">The simulators' clock: the system's, or a test's virtual one.</param>
    public static DemoAnalyzers Create(DeviceProfile cems, DeviceProfile dust, DeviceProfile water, TimeProvider clock)
    {
        var start = clock.GetUtcNow();

        // Zero and span checks last long enough to measure a point by hand.
        var cemsAnalyzer = new SimulatedAnalyzer(cems, new SimulatedAnalyzerOptions { CalibrationDuration = TimeSpan.FromMinutes(3), Clock = clock });
        cemsAnalyzer.SetSensorError("so2", SensorGain, SensorOffset);

        // A plant with a scrubber, SCR and a bag filter: under the ultra-low limits (SO2 35, NOx 50, particulate 10
        // mg/m³ at 6 % O2) with room to spare, converted at the simulator's 8-10 % O2 (× 1.15-1.36).
        var so2Baseline = Band(8, 12, TimeSpan.FromMinutes(10), "so2");
        cemsAnalyzer.SetSignal("so2", new ExcursionSignal(so2Baseline, 26, start + So2ExcursionAfter, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(30), repeatEvery: TimeSpan.FromMinutes(30)));
        cemsAnalyzer.SetSignal("nox", Band(18, 26, TimeSpan.FromMinutes(12), "nox"));
        var dustAnalyzer = new SimulatedAnalyzer(dust, new SimulatedAnalyzerOptions { Clock = clock });
        dustAnalyzer.SetSignal("particulate", Band(3, 5, TimeSpan.FromMinutes(5), "particulate"));

        // COD well under its limit but for a few minutes an hour: the sampler keeps a bottle of it.
        var waterAnalyzer = new SimulatedAnalyzer(water, new SimulatedAnalyzerOptions { Clock = clock });
        // Short and low enough that the rolling average stays under the pre-warning (80 % of 100 mg/L) even while the
        // window holds only the minutes since the start.
        waterAnalyzer.SetSignal("cod", new ExcursionSignal(Band(35, 45, TimeSpan.FromMinutes(20), "cod"), 75, start + CodExcursionAfter, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(30), repeatEvery: TimeSpan.FromHours(1)));
        return new DemoAnalyzers(cemsAnalyzer, dustAnalyzer, waterAnalyzer);
    }

    // A living signal in a band, without the drift bumps that could carry it over a limit at random.
    private static EmissionSignal Band(double low, double high, TimeSpan wave, string channel) =>
        new(new SignalShape(low, high, wave, DriftFraction: 0), 0, high * 10, DeterministicNoise.Key(0, channel));
}
