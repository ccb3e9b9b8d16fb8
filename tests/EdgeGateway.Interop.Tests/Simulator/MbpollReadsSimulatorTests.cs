using System.Globalization;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Interop.Tests.Peers;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Slave;
using EdgeGateway.Simulator;
using EdgeGateway.Simulator.Faults;
using EdgeGateway.Simulator.Serving;

namespace EdgeGateway.Interop.Tests.Simulator;

/// <summary>
/// mbpoll (C, libmodbus), a master we did not write, reads the simulator over Modbus TCP and over RTU on a socat
/// pty pair: registers, floats in both word orders, status inputs, and the faults as mbpoll reports them.
/// </summary>
public sealed class MbpollReadsSimulatorTests : IDisposable
{
    private const byte Unit = 1;

    /// <summary>mbpoll's own response timeout for reads meant to fail; its default is 1 s.</summary>
    private const string ShortTimeoutSeconds = "0.5";

    private readonly List<IDisposable> _cleanup = [];

    public static TheoryData<string> Transports => new("tcp", "rtu");

    [Theory]
    [MemberData(nameof(Transports))]
    public void HoldingRegistersAreWhatTheAnalyzerHolds(string transport)
    {
        var profile = ShippedProfiles.Load(ShippedProfiles.Wastewater);
        var (analyzer, target) = Serve(transport, profile);
        analyzer.Override("water-temperature", -3.4);

        // Addresses 0-44: every channel and status word of the cabinet, gaps included.
        var result = Mbpoll.Run(Mbpoll.DefaultTimeout, [.. target.Options, "-t", "4", "-r", "1", "-c", "45", target.Address]);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(45, result.Readings.Count);
        foreach (var reading in result.Readings)
        {
            var expected = analyzer.Memory.GetRegister(ModbusTable.HoldingRegister, (ushort)(reading.Reference - 1));
            Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), reading.Value);
        }

        // mbpoll shows a register above 32767 with its signed reading too: -34 is the raw of -3.4 °C (scale 0.1).
        var temperature = result.Readings.Single(reading => reading.Reference == ChannelReads.Channel(profile, "water-temperature").Address + 1);
        Assert.Equal("65502 (-34)", temperature.Text);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void InputRegistersAreWhatTheAnalyzerHolds(string transport)
    {
        var (analyzer, target) = Serve(transport, ShippedProfiles.Load(ShippedProfiles.FlueGas));

        var result = Mbpoll.Run(Mbpoll.DefaultTimeout, [.. target.Options, "-t", "3", "-r", "1", "-c", "54", target.Address]);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(54, result.Readings.Count);
        foreach (var reading in result.Readings)
        {
            var expected = analyzer.Memory.GetRegister(ModbusTable.InputRegister, (ushort)(reading.Reference - 1));
            Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), reading.Value);
        }
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void FloatsInCdabOrderReadWithMbpollsDefaultWordOrder(string transport)
    {
        var (analyzer, target) = Serve(transport, ShippedProfiles.Load(ShippedProfiles.FlueGas));
        // Values mbpoll prints exactly (it prints six significant digits).
        analyzer.Override("so2", 123.25);
        analyzer.Override("nox", 456.5);
        analyzer.Override("o2", 9.125);
        analyzer.Override("co", 12.75);

        var result = Mbpoll.Run(Mbpoll.DefaultTimeout, [.. target.Options, "-t", "3:float", "-r", "1", "-c", "4", target.Address]);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(["123.25", "456.5", "9.125", "12.75"], result.Values);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void FloatsInAbcdOrderReadWithMbpollsBigEndianSwitch(string transport)
    {
        var profile = ShippedProfiles.Load(ShippedProfiles.Wastewater);
        var (analyzer, target) = Serve(transport, profile);
        analyzer.Override("cod", 42.75);
        analyzer.Override("nh3n", 3.5);
        var nh3n = ChannelReads.Channel(profile, "nh3n");

        var cod = Mbpoll.Run(Mbpoll.DefaultTimeout, [.. target.Options, "-t", "4:float", "-B", "-r", "1", "-c", "1", target.Address]);
        var ammonia = Mbpoll.Run(Mbpoll.DefaultTimeout, [.. target.Options, "-t", "4:float", "-B", "-r", Text(nh3n.Address + 1), "-c", "1", target.Address]);

        Assert.True(cod.Succeeded, cod.ToString());
        Assert.Equal(["42.75"], cod.Values);
        Assert.True(ammonia.Succeeded, ammonia.ToString());
        Assert.Equal(["3.5"], ammonia.Values);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void FloatsFollowTheSignalWithinMbpollsPrecision(string transport)
    {
        var profile = ShippedProfiles.Load(ShippedProfiles.FlueGas);
        var (analyzer, target) = Serve(transport, profile);

        var result = Mbpoll.Run(Mbpoll.DefaultTimeout, [.. target.Options, "-t", "3:float", "-r", "1", "-c", "4", target.Address]);

        Assert.True(result.Succeeded, result.ToString());
        var instant = analyzer.LastUpdate;
        foreach (var (id, reading) in new[] { "so2", "nox", "o2", "co" }.Zip(result.Readings))
        {
            var expected = (float)analyzer.ValueAt(id, instant);
            var printed = double.Parse(reading.Value, CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(printed - expected) <= Math.Abs(expected) * 1e-5, $"{id}: simulator {expected}, mbpoll {printed}");
        }
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void StatusInputsFollowTheAnalyzersState(string transport)
    {
        var (analyzer, target) = Serve(transport, ShippedProfiles.Load(ShippedProfiles.FlueGas));
        string[] read = [.. target.Options, "-t", "1", "-r", "1", "-c", "4", target.Address];

        var running = Mbpoll.Run(Mbpoll.DefaultTimeout, read);
        analyzer.SetState(StatusMeaning.Stopped, true);
        analyzer.SetState(StatusMeaning.Calibration, true);
        var stopped = Mbpoll.Run(Mbpoll.DefaultTimeout, read);

        // Discrete input 0 is the sample pump (off means stopped), 3 the calibration-gas valve.
        Assert.True(running.Succeeded, running.ToString());
        Assert.Equal(["1", "0", "0", "0"], running.Values);
        Assert.True(stopped.Succeeded, stopped.ToString());
        Assert.Equal(["0", "0", "0", "1"], stopped.Values);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void SilentAnalyzerIsATimeoutForMbpoll(string transport)
    {
        var faults = new SimulatedFaults();
        var (_, target) = Serve(transport, ShippedProfiles.Load(ShippedProfiles.FlueGas), faults);
        faults.Kill();

        var result = Mbpoll.Run(Mbpoll.DefaultTimeout, [.. target.Options, "-o", ShortTimeoutSeconds, "-t", "3", "-r", "1", "-c", "2", target.Address]);

        Assert.False(result.Succeeded, result.ToString());
        Assert.Empty(result.Readings);
        Assert.Contains("timed out", result.ErrorOutput, StringComparison.OrdinalIgnoreCase);
        Assert.True(faults.Statistics.NoAnswer >= 1);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void ExceptionAnswerIsPrintedByMbpoll(string transport)
    {
        var faults = new SimulatedFaults();
        var (_, target) = Serve(transport, ShippedProfiles.Load(ShippedProfiles.FlueGas), faults);
        faults.Enqueue(new SlaveFault(SlaveFaultKind.Exception, ExceptionCode: ModbusExceptionCode.IllegalDataAddress));

        var result = Mbpoll.Run(Mbpoll.DefaultTimeout, [.. target.Options, "-t", "3", "-r", "1", "-c", "2", target.Address]);

        Assert.False(result.Succeeded, result.ToString());
        Assert.Contains("Illegal data address", result.ErrorOutput, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, faults.Statistics.Exception);
    }

    public void Dispose()
    {
        for (var i = _cleanup.Count - 1; i >= 0; i--)
        {
            _cleanup[i].Dispose();
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Serves one analyzer of <paramref name="profile"/> at <see cref="Unit"/>, its registers pinned (no update loop)
    /// so what mbpoll reads can be compared with what the analyzer holds.
    /// </summary>
    private (SimulatedAnalyzer Analyzer, MbpollTarget Target) Serve(string transport, DeviceProfile profile, SimulatedFaults? faults = null)
    {
        PeerRequirements.RequireMbpoll();
        var analyzer = new SimulatedAnalyzer(profile, new SimulatedAnalyzerOptions { Seed = 5 });
        var options = new SimulatorServerOptions { UpdateInterval = TimeSpan.Zero, Faults = faults };
        if (transport == "tcp")
        {
            var server = Track(SimulatorServer.Start("tcp://127.0.0.1:0", analyzer, Unit, options));
            return (analyzer, new MbpollTarget(["-1", "-m", "tcp", "-a", Text(Unit), "-p", Text(server.Endpoint.Port)], "127.0.0.1"));
        }

        var line = Track(SocatPtyPair.Start());
        Track(SimulatorServer.Start(line.PathA, analyzer, Unit, options));
        return (analyzer, new MbpollTarget(["-1", "-m", "rtu", "-b", "9600", "-P", "none", "-a", Text(Unit)], line.PathB));
    }

    private T Track<T>(T item)
        where T : IDisposable
    {
        _cleanup.Add(item);
        return item;
    }
}
