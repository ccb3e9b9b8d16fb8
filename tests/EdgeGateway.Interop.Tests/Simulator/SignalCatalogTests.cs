using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Values;
using EdgeGateway.Simulator;
using EdgeGateway.Simulator.Signals;

namespace EdgeGateway.Interop.Tests.Simulator;

/// <summary>The simulated signals: a pure function of (seed, channel, time), plausible for their factor code, inside their range.</summary>
public sealed class SignalCatalogTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 4, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Profiles => ShippedProfiles.All;

    [Theory]
    [MemberData(nameof(Profiles))]
    public void SameSeedSameChannelSameTimeGivesTheSameValue(string profileFile)
    {
        foreach (var channel in ShippedProfiles.Load(profileFile).Channels)
        {
            var first = SignalCatalog.For(channel, seed: 42);
            var second = SignalCatalog.For(channel, seed: 42);
            foreach (var time in Instants(TimeSpan.FromMinutes(7), 50))
            {
                Assert.Equal(first.ValueAt(time), second.ValueAt(time));
            }
        }
    }

    [Fact]
    public void AnotherSeedGivesAnotherSignal()
    {
        var so2 = ChannelReads.Channel(ShippedProfiles.Load(ShippedProfiles.FlueGas), "so2");
        var one = SignalCatalog.For(so2, seed: 1);
        var two = SignalCatalog.For(so2, seed: 2);
        Assert.Contains(Instants(TimeSpan.FromMinutes(1), 20), time => one.ValueAt(time) != two.ValueAt(time));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void EveryValueOverTwoDaysStaysInsideTheRangeAndTheRegisters(string profileFile)
    {
        foreach (var channel in ShippedProfiles.Load(profileFile).Channels)
        {
            var signal = SignalCatalog.For(channel, seed: 3);
            var (minimum, maximum) = ChannelEncoding.EngineeringLimits(channel);
            foreach (var time in Instants(TimeSpan.FromSeconds(37), 2 * 24 * 3600 / 37))
            {
                var value = signal.ValueAt(time);
                Assert.True(double.IsFinite(value), $"{channel.Id} at {time}: {value}");
                Assert.InRange(value, channel.Range?.Min ?? minimum, channel.Range?.Max ?? maximum);
            }
        }
    }

    [Theory]
    [InlineData(ShippedProfiles.FlueGas, "so2", 0.20, 0.45)]
    [InlineData(ShippedProfiles.FlueGas, "o2", 7.0, 11.0)]
    [InlineData(ShippedProfiles.FlueGas, "temperature", 110.0, 150.0)]
    [InlineData(ShippedProfiles.FlueGas, "pressure", -0.8, -0.1)]
    [InlineData(ShippedProfiles.ParticulateFlow, "particulate", 2.0, 15.0)]
    [InlineData(ShippedProfiles.Wastewater, "cod", 20.0, 70.0)]
    [InlineData(ShippedProfiles.Wastewater, "nh3n", 1.0, 6.5)]
    [InlineData(ShippedProfiles.Wastewater, "ph", 6.5, 7.5)]
    public void ValuesSitWhereThatQuantityUsuallyIs(string profileFile, string channelId, double low, double high)
    {
        var channel = ChannelReads.Channel(ShippedProfiles.Load(profileFile), channelId);
        var signal = SignalCatalog.For(channel, seed: 9);

        // Fractions for concentrations given relative to the range (SO2: 25-40 % of 0-2860 mg/m³, drift aside).
        var scale = channel.Code == "a21026" ? channel.Range!.Max : 1;
        var values = Instants(TimeSpan.FromSeconds(61), 24 * 60).Select(time => signal.ValueAt(time) / scale).ToList();
        Assert.InRange(values.Min(), low, high);
        Assert.InRange(values.Max(), low, high);
        // ... and they move: a stack is never perfectly steady.
        Assert.True(values.Max() - values.Min() > (high - low) / 20, $"{channelId} barely moves: {values.Min()}..{values.Max()}");
    }

    [Fact]
    public void ContinuousSignalsMoveSlowly()
    {
        var so2 = ChannelReads.Channel(ShippedProfiles.Load(ShippedProfiles.FlueGas), "so2");
        var signal = SignalCatalog.For(so2, seed: 4);
        var steps = Instants(TimeSpan.FromSeconds(1), 3600).Select(signal.ValueAt).ToList();

        // From one second to the next a reading changes by a small part of its range (2 %), as a real analyzer's does.
        var largestStep = steps.Zip(steps.Skip(1), (a, b) => Math.Abs(b - a)).Max();
        Assert.True(largestStep < so2.Range!.Max * 0.02, $"largest 1 s step {largestStep}");
    }

    [Fact]
    public void BatchAnalyzersHoldTheirValueForAMeasurementCycle()
    {
        var cod = ChannelReads.Channel(ShippedProfiles.Load(ShippedProfiles.Wastewater), "cod");
        var signal = SignalCatalog.For(cod, seed: 4);
        var cycleStart = Start;

        var held = Instants(TimeSpan.FromSeconds(30), (int)(SignalCatalog.BatchCycle.TotalSeconds / 30)).Select(signal.ValueAt).Distinct().ToList();
        Assert.Single(held);
        Assert.NotEqual(signal.ValueAt(cycleStart), signal.ValueAt(cycleStart + (SignalCatalog.BatchCycle * 3)));
    }

    [Fact]
    public void TotalisersOnlyGrow()
    {
        var flowTotal = ChannelReads.Channel(ShippedProfiles.Load(ShippedProfiles.Wastewater), "flow-total");
        var signal = SignalCatalog.For(flowTotal, seed: 4);
        Assert.IsType<TotaliserSignal>(signal);

        var values = Instants(TimeSpan.FromMinutes(5), 24 * 12).Select(signal.ValueAt).ToList();
        Assert.All(values.Zip(values.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"{pair.First} then {pair.Second}"));
    }

    [Fact]
    public void AnUnknownCodeSitsInTheMiddleOfItsRange()
    {
        var channel = new ProfileChannel("mystery", "x99999", "Mystery", "", ModbusTable.HoldingRegister, 0, ModbusDataType.F32, null, ModbusByteOrder.ABCD, 1, 0, new MeasuringRange(100, 200));
        var signal = SignalCatalog.For(channel, seed: 1);

        var values = Instants(TimeSpan.FromSeconds(97), 1000).Select(signal.ValueAt).ToList();
        Assert.InRange(values.Average(), 140, 160);
        Assert.InRange(values.Min(), 100, 200);
        Assert.InRange(values.Max(), 100, 200);
    }

    [Fact]
    public void AnAbsoluteBandOutsideTheRangeFallsBackToTheMiddleOfTheRange()
    {
        // Temperature in kelvin: the catalog's 120-140 (°C) does not fit 300-700.
        var channel = new ProfileChannel("t", "a01012", "T", "K", ModbusTable.HoldingRegister, 0, ModbusDataType.F32, null, ModbusByteOrder.ABCD, 1, 0, new MeasuringRange(300, 700));
        var signal = SignalCatalog.For(channel, seed: 1);

        Assert.All(Instants(TimeSpan.FromMinutes(3), 500), time => Assert.InRange(signal.ValueAt(time), 300, 700));
        Assert.InRange(signal.ValueAt(Start), 450, 550);
    }

    private static IEnumerable<DateTimeOffset> Instants(TimeSpan step, int count) =>
        Enumerable.Range(0, count).Select(i => Start + (step * i));
}
