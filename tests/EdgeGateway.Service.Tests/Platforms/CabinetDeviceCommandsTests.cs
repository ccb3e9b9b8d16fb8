using EdgeGateway.Control;
using EdgeGateway.Control.Analyzer;
using EdgeGateway.Control.Calibration;
using EdgeGateway.FieldBus.Commands;
using EdgeGateway.FieldBus.Polling;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Framing;
using EdgeGateway.Modbus.Slave;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Validation;
using EdgeGateway.Platforms;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Service.Tests.Hardware;
using EdgeGateway.Simulator;
using EdgeGateway.Testing.Modbus.Transport;
using EdgeGateway.Uplink.Platforms;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Service.Tests.Platforms;

/// <summary>
/// The HJ 212 platforms' cabinet commands against the behavioural analyzer simulator on an in-memory RTU line: a
/// flue-gas CEMS (zero, span, blow-back) and a wastewater analyzer with its sampler (zero, span, measure, retainSample),
/// each routine written through the bus queue like <c>egw analyzer</c>, flagged, audited under the platform's name.
/// </summary>
public sealed class CabinetDeviceCommandsTests : IDisposable
{
    private static readonly PlatformCaller Province = new("province", "tcp://203.0.113.10:8800", "20261207101500123");

    private readonly string _directory = Directory.CreateTempSubdirectory("egw-platform-commands-").FullName;
    private readonly CancellationTokenSource _stop = new();
    private readonly InMemoryTransportPair _pair = InMemoryTransportPair.Create("rs485");
    private readonly Thread _slave;
    private readonly Thread _bus;
    private readonly ModbusMaster _master;
    private readonly SimulatedAnalyzer _cems;
    private readonly SimulatedAnalyzer _water;
    private readonly ChannelTable _channels;
    private readonly GatewayChannelStateHolder _state;
    private readonly AuditTrail _audit;
    private readonly LatestReadings _latest;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));
    private readonly FakeClockStatusProbe _clock = new();
    private readonly RecordingClockSetter _setter;
    private readonly List<GatewayEvent> _events = [];
    private readonly List<(string Device, SampleRetentionOutcome Outcome, string By)> _samplesTaken = [];
    private readonly CabinetDeviceCommands _commands;

    public CabinetDeviceCommandsTests()
    {
        var profiles = Path.Combine(AppContext.BaseDirectory, "profiles");
        var cemsProfile = DeviceProfileLoader.LoadFile(Path.Combine(profiles, "cems-flue-gas.json"));
        var waterProfile = DeviceProfileLoader.LoadFile(Path.Combine(profiles, "wastewater-cod-nh3n.json"));
        _cems = new SimulatedAnalyzer(cemsProfile);
        _water = new SimulatedAnalyzer(waterProfile);
        var server = new ModbusSlaveServer(_pair.Second, new ModbusRtuFramer(), new Dictionary<byte, IModbusSlaveDevice> { [1] = _cems.Memory, [2] = _water.Memory });
        _slave = new Thread(() => server.Run(_stop.Token)) { IsBackground = true, Name = "simulated analyzers" };
        _slave.Start();
        _master = new ModbusMaster(_pair.First, new ModbusRtuFramer(), new ModbusMasterOptions { FrameSilence = TimeSpan.FromMilliseconds(1), LateAnswerGuard = TimeSpan.FromMilliseconds(5) });
        var settings = new DevicePollSettings { PollInterval = TimeSpan.FromHours(1), Timeout = TimeSpan.FromMilliseconds(200), Retries = 1 };
        PolledDevice[] devices = [PolledDevice.Create("cems", 1, cemsProfile, settings), PolledDevice.Create("water", 2, waterProfile, settings)];
        var poller = new BusPoller("rs485-1", _master, devices, new RecordingPollSink());
        _bus = poller.Start(_stop.Token);
        _channels = ChannelTable.ForDevices(devices);
        _state = new GatewayChannelStateHolder(new GatewayChannelState(_channels.Count));
        _audit = new AuditTrail(Path.Combine(_directory, "audit.log"));
        _latest = new LatestReadings(_channels.Count);
        _setter = new RecordingClockSetter(_time);
        var retainer = new BusSampleRetainer([poller]);
        Action<string, SampleRetentionOutcome, string> sampleTaken = (device, outcome, by) => _samplesTaken.Add((device, outcome, by));
        var analyzer = new AnalyzerCommandHandler(_channels, [poller], new MaintenanceWindows(_channels, _state), new CalibrationBook(_channels, _state, Path.Combine(_directory, "calibration.json")), _audit, _events.Add, sampleTaken: sampleTaken);
        _commands = new CabinetDeviceCommands(
            new CabinetDeviceCommandParts
            {
                Channels = _channels,
                Buses = [poller],
                Analyzer = analyzer,
                SampleRetainer = retainer,
                Samplers = retainer.Samplers,
                SampleTaken = sampleTaken,
                ClockStatus = _clock,
                ClockSetter = _setter,
                Latest = _latest,
                Audit = _audit,
                Time = _time,
            },
            NullLogger.Instance);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Zero_calibration_of_SO2_writes_the_CEMS_zero_register_flags_its_gases_C_and_is_audited_as_the_platform()
    {
        var result = await _commands.RunRoutineAsync(Province, "a21026", PlatformRoutine.ZeroCalibration, Token);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal(1, _cems.TimesExecuted("zero"));
        Assert.Equal(0, _water.TimesExecuted("zero"));
        Assert.True(_channels.TryFind("cems.so2", out var so2));
        Assert.NotNull(_state.Current[so2.Index].CalibrationUntil);
        var entry = Assert.Single(_audit.Read(DateTimeOffset.MinValue));
        Assert.Equal(("analyzer-zero", "platform:province", AnalyzerRoutineCaller.NoUser), (entry.Action, entry.User, entry.UserId));
        Assert.Contains(Province.Qn, entry.Reason, StringComparison.Ordinal);
        Assert.Contains("by platform:province", Assert.Single(_events).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("w01018", PlatformRoutine.SpanCalibration, "water", "span")]
    [InlineData("w01018", PlatformRoutine.ImmediateSampling, "water", "measure")]
    [InlineData("a21002", PlatformRoutine.Cleaning, "cems", "blowback")]
    public async Task Each_routine_runs_the_command_the_profile_declares_for_it(string polId, PlatformRoutine routine, string device, string command)
    {
        var result = await _commands.RunRoutineAsync(Province, polId, routine, Token);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal(1, (device == "cems" ? _cems : _water).TimesExecuted(command));
    }

    [Fact]
    public async Task A_profile_without_the_routine_is_ExeRtn_2_with_what_it_declares_and_writes_nothing()
    {
        var result = await _commands.RunRoutineAsync(Province, "a21026", PlatformRoutine.StandardCheck, Token);

        Assert.Equal(Hj212ExeRtn.Failed, result.ExeRtn);
        Assert.Contains("declares no standard check (3024) command", result.Detail, StringComparison.Ordinal);
        Assert.Contains("it declares: blowback, span, zero", result.Detail, StringComparison.Ordinal);
        Assert.Equal(0, _cems.TimesExecuted("zero") + _cems.TimesExecuted("span") + _cems.TimesExecuted("blowback"));
        Assert.Equal("platform-standardCheck", Assert.Single(_audit.Read(DateTimeOffset.MinValue)).Action);
        Assert.Empty(_events);
    }

    [Fact]
    public async Task A_factor_no_analyzer_measures_is_a_bad_condition()
    {
        var result = await _commands.RunRoutineAsync(Province, "a34013", PlatformRoutine.ZeroCalibration, Token);

        Assert.Equal(Hj212ExeRtn.RequestConditionError, result.ExeRtn);
        Assert.Contains("no analyzer of this gateway measures a34013", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retain_sample_goes_to_the_sampler_tells_the_alarm_stage_and_returns_the_bottle()
    {
        var result = await _commands.RetainSampleAsync(Province, null, Token);

        Assert.True(result.Result.Succeeded, result.Result.Detail);
        Assert.Equal(1, _water.TimesExecuted(BusSampleRetainer.CommandName));
        Assert.Equal(_water.VaseNumber, result.VaseNo);
        Assert.Equal(_time.GetUtcNow(), result.DataTime);
        var (device, outcome, by) = Assert.Single(_samplesTaken);
        Assert.Equal("water", device);
        Assert.True(outcome.Retained);
        Assert.Contains("platform:province", by, StringComparison.Ordinal);
        Assert.Equal("platform-retain-sample", Assert.Single(_audit.Read(DateTimeOffset.MinValue)).Action);
    }

    [Fact]
    public async Task Set_time_steps_the_clock_through_the_setter_and_is_audited()
    {
        var target = new DateTimeOffset(2026, 12, 7, 2, 5, 30, TimeSpan.Zero);

        var result = await _commands.SetTimeAsync(Province, null, target, Token);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal([target], _setter.Calls);
        var entry = Assert.Single(_audit.Read(DateTimeOffset.MinValue));
        Assert.Equal(("platform-set-time", "platform:province", "2026-12-07T02:00:00Z", "2026-12-07T02:05:30Z"), (entry.Action, entry.User, entry.Before, entry.After));
    }

    [Fact]
    public async Task Set_time_is_refused_while_NTP_keeps_the_clock()
    {
        _clock.Synchronized = true;

        var result = await _commands.SetTimeAsync(Province, null, new DateTimeOffset(2026, 12, 7, 2, 5, 30, TimeSpan.Zero), Token);

        Assert.Equal(Hj212ExeRtn.Failed, result.ExeRtn);
        Assert.Contains("synchronised by NTP", result.Detail, StringComparison.Ordinal);
        Assert.Empty(_setter.Calls);
        Assert.StartsWith("ExeRtn=2", Assert.Single(_audit.Read(DateTimeOffset.MinValue)).After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_time_of_an_analyzer_or_to_an_implausible_time_sets_nothing()
    {
        var analyzer = await _commands.SetTimeAsync(Province, "w01018", new DateTimeOffset(2026, 12, 7, 2, 5, 30, TimeSpan.Zero), Token);
        var implausible = await _commands.SetTimeAsync(Province, null, new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero), Token);

        Assert.Equal(Hj212ExeRtn.Failed, analyzer.ExeRtn);
        Assert.Equal(Hj212ExeRtn.RequestConditionError, implausible.ExeRtn);
        Assert.Empty(_setter.Calls);
    }

    [Fact]
    public async Task Serial_number_without_a_declaration_is_no_data_and_information_channels_give_their_latest_value()
    {
        var serial = await _commands.GetInformationAsync(Province, "a21026", null, Token);
        var before = await _commands.GetInformationAsync(Province, "a21026", "i33001", Token);
        Assert.True(_channels.TryFind("cems.heated-line-temperature", out var line));
        _latest.Handle([new Reading(line.Index, _time.GetUtcNow().UtcTicks, 180.5, 180.5, DataFlag.N, FlagReason.None)]);
        var after = await _commands.GetInformationAsync(Province, "a21026", "i33001", Token);

        Assert.Equal(Hj212ExeRtn.NoData, serial.Result.ExeRtn);
        Assert.Contains("no serial number", serial.Result.Detail, StringComparison.Ordinal);
        Assert.Equal(Hj212ExeRtn.NoData, before.Result.ExeRtn);
        Assert.True(after.Result.Succeeded, after.Result.Detail);
        Assert.Equal([new KeyValuePair<string, string>("i33001-Info", "180.5")], after.Items);
    }

    [Fact]
    public async Task Set_information_is_refused_with_a_reason_and_audited()
    {
        var result = await _commands.SetInformationAsync(Province, "w01018", "i13004", "42", Token);

        Assert.Equal(Hj212ExeRtn.Failed, result.ExeRtn);
        Assert.Equal("platform-set-information", Assert.Single(_audit.Read(DateTimeOffset.MinValue)).Action);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _bus.Join(TimeSpan.FromSeconds(5));
        _slave.Join(TimeSpan.FromSeconds(5));
        _master.Dispose();
        _pair.First.Dispose();
        _pair.Second.Dispose();
        _stop.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
