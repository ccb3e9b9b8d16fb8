using System.Diagnostics;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Slave;
using EdgeGateway.Simulator;
using EdgeGateway.Simulator.Faults;
using EdgeGateway.Simulator.Serving;

namespace EdgeGateway.Interop.Tests.Simulator;

/// <summary>
/// What the simulator must do on every way it is served (Modbus TCP, RTU over TCP, RTU on a pty), checked with
/// our own master: the shipped profiles' channels in range and exactly as the analyzer holds them, overrides,
/// every fault kind as the master sees it, and commands changing the status words.
/// </summary>
public abstract class SimulatorServingContract : IDisposable
{
    protected const byte Unit = 1;

    /// <summary>Long enough for a loaded 2-core machine; reads that must succeed never come close.</summary>
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Reads that are meant to time out wait this long.</summary>
    private static readonly TimeSpan FaultTimeout = TimeSpan.FromMilliseconds(300);

    private readonly List<IDisposable> _cleanup = [];

    public static TheoryData<string> Profiles => ShippedProfiles.All;

    /// <summary>True when the framing has a CRC (RTU on a line or over TCP).</summary>
    protected abstract bool FramingHasCrc { get; }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void EveryChannelDecodesInsideItsRange(string profileFile)
    {
        var profile = ShippedProfiles.Load(profileFile);
        var analyzer = new SimulatedAnalyzer(profile, new SimulatedAnalyzerOptions { Seed = 7 });
        using var master = Serve(analyzer, new SimulatorServerOptions());

        foreach (var channel in profile.Channels)
        {
            var value = ChannelReads.Read(master, Unit, channel);
            Assert.True(double.IsFinite(value), $"{channel.Id}: {value}");
            if (channel.Range is { } range)
            {
                var slack = ChannelReads.Tolerance(channel);
                Assert.InRange(value, range.Min - slack, range.Max + slack);
            }
            else
            {
                var (minimum, maximum) = ChannelEncoding.EngineeringLimits(channel);
                Assert.InRange(value, minimum, maximum);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void EveryChannelServesWhatTheAnalyzerHolds(string profileFile)
    {
        var profile = ShippedProfiles.Load(profileFile);
        var analyzer = new SimulatedAnalyzer(profile, new SimulatedAnalyzerOptions { Seed = 11 });
        using var master = Serve(analyzer, new SimulatorServerOptions { UpdateInterval = TimeSpan.Zero });
        var instant = new DateTimeOffset(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);
        analyzer.Update(instant);

        foreach (var channel in profile.Channels)
        {
            var expected = ChannelEncoding.RoundTrip(channel, analyzer.ValueAt(channel.Id, instant));
            var served = ChannelReads.Read(master, Unit, channel);
            Assert.True(Math.Abs(expected - served) <= Math.Abs(expected) * 1e-12, $"{channel.Id}: expected {expected}, served {served}");
        }
    }

    [Fact]
    public void OverriddenValuesReadBackExactly()
    {
        var flueGas = ShippedProfiles.Load(ShippedProfiles.FlueGas);
        var flueGasAnalyzer = new SimulatedAnalyzer(flueGas);
        using (var master = Serve(flueGasAnalyzer, new SimulatorServerOptions()))
        {
            // f32 in CDAB: the float itself comes back, to the last bit, read as its shortest decimal form (issue 17,
            // item 8): 1234.5678 is stored as the float 1234.5677490234375, whose shortest form is 1234.5677.
            flueGasAnalyzer.Override("so2", 1234.5678);
            var so2 = ChannelReads.Read(master, Unit, ChannelReads.Channel(flueGas, "so2"));
            Assert.Equal(1234.5678f, (float)so2);
            Assert.Equal(1234.5677, so2);
            flueGasAnalyzer.Override("pressure", -0.4375);
            Assert.Equal(-0.4375, ChannelReads.Read(master, Unit, ChannelReads.Channel(flueGas, "pressure")));
        }

        var particulate = ShippedProfiles.Load(ShippedProfiles.ParticulateFlow);
        var particulateAnalyzer = new SimulatedAnalyzer(particulate);
        using (var master = Serve(particulateAnalyzer, new SimulatorServerOptions()))
        {
            // Scaled integers: within one raw step of what was set.
            foreach (var (id, value) in new[] { ("particulate", 12.34), ("temperature", -12.37), ("pressure", -0.456), ("flow", 523.4567) })
            {
                var channel = ChannelReads.Channel(particulate, id);
                particulateAnalyzer.Override(id, value);
                var served = ChannelReads.Read(master, Unit, channel);
                Assert.True(Math.Abs(served - value) <= Math.Abs(channel.Scale), $"{id}: set {value}, served {served}");
            }
        }
    }

    [Fact]
    public void SilenceIsATimeoutAndTheNextRequestIsAnswered()
    {
        var (faults, master, profile) = ServeFlueGasWithFaults();
        faults.Enqueue(new SlaveFault(SlaveFaultKind.NoAnswer));

        var silent = ReadSo2(master, profile, FaultTimeout);
        Assert.Equal(ModbusErrorKind.Timeout, silent.Error);
        Assert.True(ReadSo2(master, profile, ReadTimeout).IsSuccess);
        Assert.Equal(1, faults.Statistics.NoAnswer);
    }

    [Fact]
    public void CorruptedAnswerIsACrcErrorWhereFramesCarryACrc()
    {
        var (faults, master, profile) = ServeFlueGasWithFaults();
        faults.Enqueue(new SlaveFault(SlaveFaultKind.BadCrc));

        var result = ReadSo2(master, profile, FaultTimeout);
        if (FramingHasCrc)
        {
            Assert.Equal(ModbusErrorKind.Crc, result.Error);
            Assert.Equal(1, faults.Statistics.BadCrc);
        }
        else
        {
            // Modbus TCP has no CRC to corrupt: the fault is never injected there.
            Assert.True(result.IsSuccess, result.ToString());
            Assert.Equal(0, faults.Statistics.BadCrc);
        }

        Assert.True(ReadSo2(master, profile, ReadTimeout).IsSuccess);
    }

    [Fact]
    public void ExceptionAnswerCarriesItsCode()
    {
        var (faults, master, profile) = ServeFlueGasWithFaults();
        faults.Enqueue(new SlaveFault(SlaveFaultKind.Exception, ExceptionCode: ModbusExceptionCode.ServerDeviceBusy));

        var result = ReadSo2(master, profile, ReadTimeout);
        Assert.Equal(ModbusErrorKind.Exception, result.Error);
        Assert.Equal(ModbusExceptionCode.ServerDeviceBusy, result.ExceptionCode);
        Assert.True(ReadSo2(master, profile, ReadTimeout).IsSuccess);
    }

    [Fact]
    public void SlowAnswerTimesOutThenTheLineRecovers()
    {
        var (faults, master, profile) = ServeFlueGasWithFaults();
        var delay = TimeSpan.FromMilliseconds(700);
        faults.Enqueue(new SlaveFault(SlaveFaultKind.Slow, delay));

        var clock = Stopwatch.StartNew();
        var slow = ReadSo2(master, profile, FaultTimeout);
        Assert.Equal(ModbusErrorKind.Timeout, slow.Error);

        // The late answer must not be taken for the next request's: let it arrive, then ask again.
        var rest = delay + TimeSpan.FromMilliseconds(200) - clock.Elapsed;
        if (rest > TimeSpan.Zero)
        {
            Thread.Sleep(rest);
        }

        var registers = new ushort[2];
        var so2 = ChannelReads.Channel(profile, "so2");
        var recovered = master.ReadRegisters(Unit, so2.Table, (ushort)so2.Address, 2, registers, new ModbusCallOptions(ReadTimeout, 0));
        Assert.True(recovered.IsSuccess, recovered.ToString());
        Assert.Equal(1, faults.Statistics.Slow);
    }

    [Fact]
    public void DeadAnalyzerIsSilentUntilRevived()
    {
        var (faults, master, profile) = ServeFlueGasWithFaults();
        faults.Kill();
        Assert.Equal(ModbusErrorKind.Timeout, ReadSo2(master, profile, FaultTimeout).Error);
        Assert.Equal(ModbusErrorKind.Timeout, ReadSo2(master, profile, FaultTimeout).Error);

        faults.Revive();
        Assert.True(ReadSo2(master, profile, ReadTimeout).IsSuccess);
    }

    [Fact]
    public void ZeroCommandSetsTheCalibrationStatusForItsDuration()
    {
        var profile = ShippedProfiles.Load(ShippedProfiles.FlueGas);
        var analyzer = new SimulatedAnalyzer(profile, new SimulatedAnalyzerOptions { CalibrationDuration = TimeSpan.FromMilliseconds(600) });
        using var master = Serve(analyzer, new SimulatorServerOptions { UpdateInterval = TimeSpan.FromMilliseconds(50) });
        var systemState = ChannelReads.Status(profile, "system-state");
        var valve = ChannelReads.Status(profile, "calibration-valve");
        Assert.Equal(0, ChannelReads.ReadStatus(master, Unit, systemState));
        Assert.Equal(0, ChannelReads.ReadStatus(master, Unit, valve));

        var zero = profile.Commands["zero"];
        var written = master.WriteSingleRegister(Unit, (ushort)zero.Address, (ushort)zero.Value);
        Assert.True(written.IsSuccess, written.ToString());

        // Bit 1 of the system state word (calibration of the gas channels) and the calibration-gas valve input.
        Assert.Equal(1L << 1, ChannelReads.ReadStatus(master, Unit, systemState));
        Assert.Equal(1, ChannelReads.ReadStatus(master, Unit, valve));
        Assert.Equal(AnalyzerRoutine.ZeroCheck, analyzer.Routine);
        Assert.Equal(0.0, ChannelReads.Read(master, Unit, ChannelReads.Channel(profile, "so2")));

        var deadline = Stopwatch.StartNew();
        while (ChannelReads.ReadStatus(master, Unit, systemState) != 0)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(5), "the calibration status never cleared");
            Thread.Sleep(50);
        }

        Assert.Equal(0, ChannelReads.ReadStatus(master, Unit, valve));
        Assert.Equal(1, analyzer.TimesExecuted("zero"));
    }

    [Fact]
    public void SpanAndSampleRetentionCommandsOfTheWastewaterCabinet()
    {
        var profile = ShippedProfiles.Load(ShippedProfiles.Wastewater);
        var analyzer = new SimulatedAnalyzer(profile);
        using var master = Serve(analyzer, new SimulatorServerOptions());
        var codState = ChannelReads.Status(profile, "cod-state");

        var span = profile.Commands["span"];
        Assert.True(master.WriteSingleRegister(Unit, (ushort)span.Address, (ushort)span.Value).IsSuccess);
        Assert.Equal(AnalyzerRoutine.SpanCheck, analyzer.Routine);
        // HJ 212 i12001 state code 3: calibration.
        Assert.Equal(3, ChannelReads.ReadStatus(master, Unit, codState));
        Assert.Equal(800.0, ChannelReads.Read(master, Unit, ChannelReads.Channel(profile, "cod")), 3);

        var retain = profile.Commands["retainSample"];
        var vase = retain.Results.Single(result => result.Name == "vaseNo");
        var registers = new ushort[1];
        for (var expected = 1; expected <= 2; expected++)
        {
            Assert.True(master.WriteSingleRegister(Unit, (ushort)retain.Address, (ushort)retain.Value).IsSuccess);
            Assert.True(master.ReadRegisters(Unit, vase.Table, (ushort)vase.Address, 1, registers).IsSuccess);
            Assert.Equal(expected, registers[0]);
        }
    }

    public void Dispose()
    {
        for (var i = _cleanup.Count - 1; i >= 0; i--)
        {
            _cleanup[i].Dispose();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Starts the simulator on this contract's transport with one analyzer at <see cref="Unit"/>.</summary>
    protected abstract SimulatorServer StartServer(SimulatedAnalyzer analyzer, SimulatorServerOptions options);

    /// <summary>Where a master reaches <paramref name="server"/>.</summary>
    protected abstract ModbusEndpoint MasterEndpoint(SimulatorServer server);

    /// <summary>Disposes <paramref name="item"/> when the test ends (in reverse order of registration).</summary>
    protected T Track<T>(T item)
        where T : IDisposable
    {
        _cleanup.Add(item);
        return item;
    }

    /// <summary>Serves <paramref name="analyzer"/> and returns a master for it; the server stops with the test.</summary>
    protected ModbusMaster Serve(SimulatedAnalyzer analyzer, SimulatorServerOptions options)
    {
        var server = Track(StartServer(analyzer, options));
        return ModbusConnectionFactory.CreateMaster(MasterEndpoint(server), new ModbusMasterOptions { Timeout = ReadTimeout, Retries = 0 });
    }

    private (SimulatedFaults Faults, ModbusMaster Master, DeviceProfile Profile) ServeFlueGasWithFaults()
    {
        var profile = ShippedProfiles.Load(ShippedProfiles.FlueGas);
        var faults = new SimulatedFaults();
        var master = Track(Serve(new SimulatedAnalyzer(profile), new SimulatorServerOptions { Faults = faults }));
        return (faults, master, profile);
    }

    private static ModbusResult ReadSo2(ModbusMaster master, DeviceProfile profile, TimeSpan timeout)
    {
        var so2 = ChannelReads.Channel(profile, "so2");
        var registers = new ushort[2];
        return master.ReadRegisters(Unit, so2.Table, (ushort)so2.Address, 2, registers, new ModbusCallOptions(timeout, 0));
    }
}
