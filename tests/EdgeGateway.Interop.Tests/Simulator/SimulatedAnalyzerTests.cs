using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Values;
using EdgeGateway.Simulator;
using EdgeGateway.Simulator.Signals;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Interop.Tests.Simulator;

/// <summary>The analyzer's register file without a bus: encoding, states, routines, sensor errors, overrides.</summary>
public sealed class SimulatedAnalyzerTests
{
    private static readonly DateTimeOffset Instant = new(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ChannelsAreEncodedInTheirTypeScaleAndByteOrder()
    {
        var profile = ShippedProfiles.Load(ShippedProfiles.ParticulateFlow);
        var analyzer = new SimulatedAnalyzer(profile);
        analyzer.Override("temperature", -12.34);
        analyzer.Override("flow", 523.4567);

        // i16, scale 0.1: raw -123 in holding register 2.
        Assert.Equal(unchecked((ushort)-123), analyzer.Memory.GetRegister(ModbusTable.HoldingRegister, 2));
        // u32 ABCD, scale 0.001: raw 523457 = 0x0007_FCC1, high word first.
        Assert.Equal(0x0007, analyzer.Memory.GetRegister(ModbusTable.HoldingRegister, 6));
        Assert.Equal(0xFCC1, analyzer.Memory.GetRegister(ModbusTable.HoldingRegister, 7));
    }

    [Fact]
    public void FloatsInCdabPutTheLowWordFirst()
    {
        var analyzer = new SimulatedAnalyzer(ShippedProfiles.Load(ShippedProfiles.FlueGas));
        analyzer.Override("so2", 100);

        // 100.0f = 0x42C8_0000; CDAB puts 0x0000 first.
        Assert.Equal(0x0000, analyzer.Memory.GetRegister(ModbusTable.InputRegister, 0));
        Assert.Equal(0x42C8, analyzer.Memory.GetRegister(ModbusTable.InputRegister, 1));
    }

    [Fact]
    public void OverrideOutsideWhatTheRegistersCarryIsRefused()
    {
        var analyzer = new SimulatedAnalyzer(ShippedProfiles.Load(ShippedProfiles.ParticulateFlow));
        Assert.Throws<ArgumentOutOfRangeException>(() => analyzer.Override("particulate", 7000)); // u16 × 0.1 tops out at 6553.5
        Assert.Throws<ArgumentOutOfRangeException>(() => analyzer.Override("velocity", -1));
        Assert.Throws<KeyNotFoundException>(() => analyzer.Override("no-such-channel", 1));

        // Over the measuring range but inside the registers: allowed, to provoke over-range flags.
        analyzer.Override("particulate", 250);
        Assert.Equal(2500, analyzer.Memory.GetRegister(ModbusTable.HoldingRegister, 0));
    }

    [Fact]
    public void ClearedOverrideReturnsToTheSignal()
    {
        var analyzer = new SimulatedAnalyzer(ShippedProfiles.Load(ShippedProfiles.FlueGas));
        analyzer.Update(Instant);
        analyzer.Override("o2", 20.5);
        Assert.Equal(20.5, analyzer.ValueAt("o2", Instant));

        analyzer.ClearOverride("o2");
        Assert.Equal(analyzer.SignalOf("o2").ValueAt(Instant), analyzer.ValueAt("o2", Instant));
    }

    [Fact]
    public void StatesSetTheirBitsValuesAndInputs()
    {
        var profile = ShippedProfiles.Load(ShippedProfiles.FlueGas);
        var analyzer = new SimulatedAnalyzer(profile);
        Assert.Equal(0, analyzer.Memory.GetRegister(ModbusTable.HoldingRegister, 40));
        Assert.True(analyzer.Memory.GetBit(ModbusTable.DiscreteInput, 0)); // sample pump running

        analyzer.SetState(StatusMeaning.Maintenance, true);
        Assert.Equal(0b1, analyzer.Memory.GetRegister(ModbusTable.HoldingRegister, 40));

        // A fault sets every fault bit: the gas analyzer (2), the flue parameters (4) and the conditioning (5).
        analyzer.SetState(StatusMeaning.Fault, true);
        Assert.Equal(0b11_0101, analyzer.Memory.GetRegister(ModbusTable.HoldingRegister, 40));

        analyzer.SetState(StatusMeaning.Stopped, true);
        Assert.False(analyzer.Memory.GetBit(ModbusTable.DiscreteInput, 0));

        analyzer.ClearStates();
        Assert.Equal(0, analyzer.Memory.GetRegister(ModbusTable.HoldingRegister, 40));
        Assert.True(analyzer.Memory.GetBit(ModbusTable.DiscreteInput, 0));
    }

    [Fact]
    public void AChannelStateSetsOnlyTheStatusThatCoversIt()
    {
        var analyzer = new SimulatedAnalyzer(ShippedProfiles.Load(ShippedProfiles.FlueGas));

        analyzer.SetState(StatusMeaning.Fault, true, ["velocity"]);
        Assert.Equal(1 << 4, analyzer.Memory.GetRegister(ModbusTable.HoldingRegister, 40));
        Assert.True(analyzer.IsInState(StatusMeaning.Fault, "velocity"));
        Assert.False(analyzer.IsInState(StatusMeaning.Fault, "so2"));

        analyzer.SetState(StatusMeaning.Fault, false, ["velocity"]);
        Assert.Equal(0, analyzer.Memory.GetRegister(ModbusTable.HoldingRegister, 40));
    }

    [Fact]
    public void StateCodesFollowTheMostSevereStateAndRunMeansZero()
    {
        var profile = ShippedProfiles.Load(ShippedProfiles.Wastewater);
        var analyzer = new SimulatedAnalyzer(profile);
        Assert.Equal(0, analyzer.Memory.GetRegister(ModbusTable.HoldingRegister, 2));

        analyzer.SetState(StatusMeaning.Maintenance, true, ["cod"]);
        Assert.Equal(1, analyzer.Memory.GetRegister(ModbusTable.HoldingRegister, 2));
        Assert.Equal(0b100, analyzer.Memory.GetRegister(ModbusTable.HoldingRegister, 3)); // alarm bit 2: maintenance
        Assert.Equal(0, analyzer.Memory.GetRegister(ModbusTable.HoldingRegister, 10));  // NH3-N untouched

        analyzer.SetState(StatusMeaning.Fault, true, ["cod"]);
        Assert.Equal(2, analyzer.Memory.GetRegister(ModbusTable.HoldingRegister, 2));
    }

    [Fact]
    public void ZeroAndSpanChecksShowTheReferenceThroughTheSensorError()
    {
        var clock = new FakeTimeProvider(Instant);
        var profile = ShippedProfiles.Load(ShippedProfiles.FlueGas);
        var analyzer = new SimulatedAnalyzer(profile, new SimulatedAnalyzerOptions { Clock = clock, SpanFraction = 0.5 });
        analyzer.SetSensorError("so2", gain: 1.05, offset: 12);

        analyzer.Execute("zero");
        Assert.Equal(12, analyzer.ValueAt("so2", Instant), 9);
        Assert.Equal(0, analyzer.ValueAt("nox", Instant)); // no error on NOx
        // Flue temperature keeps measuring the flue: it is not an analyte of the gas analyzer.
        Assert.Equal(analyzer.SignalOf("temperature").ValueAt(Instant), analyzer.ValueAt("temperature", Instant));

        analyzer.Execute("span");
        Assert.Equal((1.05 * 1430) + 12, analyzer.ValueAt("so2", Instant), 9);

        // After the check the drifted signal is back.
        clock.Advance(analyzer.Options.CalibrationDuration);
        analyzer.Update();
        Assert.Equal(AnalyzerRoutine.None, analyzer.Routine);
        var later = clock.GetUtcNow();
        Assert.Equal((1.05 * analyzer.SignalOf("so2").ValueAt(later)) + 12, analyzer.ValueAt("so2", later), 9);
    }

    [Fact]
    public void BlowbackIsMaintenanceForItsDuration()
    {
        var clock = new FakeTimeProvider(Instant);
        var profile = ShippedProfiles.Load(ShippedProfiles.ParticulateFlow);
        var analyzer = new SimulatedAnalyzer(profile, new SimulatedAnalyzerOptions { Clock = clock, BlowbackDuration = TimeSpan.FromSeconds(20) });

        // The master writes the blow-back register (holding 31 = 1).
        Assert.True(analyzer.Memory.TryWriteRegisters(31, [1]));
        Assert.Equal(AnalyzerRoutine.Blowback, analyzer.Routine);
        Assert.Equal(0b100_0001, analyzer.Memory.GetRegister(ModbusTable.HoldingRegister, 18)); // maintenance bits 0 and 6

        clock.Advance(TimeSpan.FromSeconds(19));
        analyzer.Update();
        Assert.Equal(0b100_0001, analyzer.Memory.GetRegister(ModbusTable.HoldingRegister, 18));
        clock.Advance(TimeSpan.FromSeconds(1));
        analyzer.Update();
        Assert.Equal(0, analyzer.Memory.GetRegister(ModbusTable.HoldingRegister, 18));
    }

    [Fact]
    public void ACommandRegisterWrittenWithAnotherValueDoesNothing()
    {
        var analyzer = new SimulatedAnalyzer(ShippedProfiles.Load(ShippedProfiles.Wastewater));
        Assert.True(analyzer.Memory.TryWriteRegisters(100, [7]));
        Assert.Equal(AnalyzerRoutine.None, analyzer.Routine);

        // Zero (1) and span (2) share register 100.
        Assert.True(analyzer.Memory.TryWriteRegisters(99, [0, 1, 0]));
        Assert.Equal(AnalyzerRoutine.ZeroCheck, analyzer.Routine);
        Assert.Equal(1, analyzer.TimesExecuted("zero"));
        Assert.Equal(0, analyzer.TimesExecuted("span"));
    }

    [Fact]
    public void RetainedSamplesCountThroughTheCarousel()
    {
        var analyzer = new SimulatedAnalyzer(ShippedProfiles.Load(ShippedProfiles.Wastewater), new SimulatedAnalyzerOptions { VaseCount = 3 });
        var vases = new List<ushort>();
        for (var i = 0; i < 4; i++)
        {
            analyzer.Execute("retainSample");
            vases.Add(analyzer.Memory.GetRegister(ModbusTable.HoldingRegister, 103));
        }

        Assert.Equal([1, 2, 3, 1], vases);
        Assert.Equal(1, analyzer.VaseNumber);
    }

    [Fact]
    public void BlowbackOnACoilIsSeenAsWell()
    {
        var analyzer = new SimulatedAnalyzer(ShippedProfiles.Load(ShippedProfiles.FlueGas));
        var executed = new List<string>();
        analyzer.CommandExecuted += (_, name) => executed.Add(name);

        Assert.True(analyzer.Memory.TryWriteCoils(10, [true]));

        Assert.Equal(["blowback"], executed);
        Assert.Equal(1, analyzer.Memory.GetRegister(ModbusTable.HoldingRegister, 40) & 1);
    }

    [Fact]
    public void RoundTripPredictsWhatTheGatewayDecodes()
    {
        var profile = ShippedProfiles.Load(ShippedProfiles.Wastewater);
        var analyzer = new SimulatedAnalyzer(profile);
        analyzer.Update(Instant);
        var ph = ChannelReads.Channel(profile, "ph");

        var decoded = ModbusValueCodec.Decode([analyzer.Memory.GetRegister(ModbusTable.HoldingRegister, 32)], ModbusDataType.U16, ModbusByteOrder.ABCD) * ph.Scale;
        Assert.Equal(ChannelEncoding.RoundTrip(ph, analyzer.ValueAt("ph", Instant)), decoded, 12);
        Assert.InRange(decoded, 6.7, 7.3);
    }

    [Fact]
    public void An_excursion_climbs_holds_and_falls_back_on_its_baseline_and_repeats()
    {
        var excursion = new ExcursionSignal(new ConstantSignal(20), 30, Instant, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(4), repeatEvery: TimeSpan.FromHours(1));

        Assert.Equal(20, excursion.ValueAt(Instant.AddSeconds(-1)));
        Assert.Equal(35, excursion.ValueAt(Instant.AddMinutes(1)), 9);
        Assert.Equal(50, excursion.ValueAt(Instant.AddMinutes(2)));
        Assert.Equal(50, excursion.ValueAt(Instant.AddMinutes(11.9)));
        Assert.Equal(42.5, excursion.ValueAt(Instant.AddMinutes(13)), 9);
        Assert.Equal(20, excursion.ValueAt(Instant.AddMinutes(16)));
        Assert.Equal(20, excursion.ValueAt(Instant.AddMinutes(59)));
        Assert.Equal(50, excursion.ValueAt(Instant.AddHours(1).AddMinutes(5)));
    }

    [Fact]
    public void A_channel_given_another_signal_serves_it_with_its_sensor_error_on_top()
    {
        var clock = new FakeTimeProvider(Instant);
        var analyzer = new SimulatedAnalyzer(ShippedProfiles.Load(ShippedProfiles.FlueGas), new SimulatedAnalyzerOptions { Clock = clock });
        analyzer.SetSensorError("so2", gain: 1.03, offset: 4);

        analyzer.SetSignal("so2", new ExcursionSignal(new ConstantSignal(10), 30, Instant.AddMinutes(1), TimeSpan.Zero, TimeSpan.FromMinutes(5), TimeSpan.Zero));

        Assert.Equal((1.03 * 10) + 4, analyzer.ValueAt("so2", Instant), 9);
        Assert.Equal((1.03 * 40) + 4, analyzer.ValueAt("so2", Instant.AddMinutes(2)), 9);
        Assert.IsType<ExcursionSignal>(analyzer.SignalOf("so2"));
        Assert.Throws<KeyNotFoundException>(() => analyzer.SetSignal("so3", new ConstantSignal(1)));
    }
}
