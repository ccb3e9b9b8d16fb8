using System.Collections.Concurrent;
using System.Text.Json;
using EdgeGateway.Control;
using EdgeGateway.Control.Analyzer;
using EdgeGateway.Control.Calibration;
using EdgeGateway.Control.Contract;
using EdgeGateway.Control.Contract.Analyzer;
using EdgeGateway.DataFlow.Tests.FieldBus.Polling;
using EdgeGateway.FieldBus.Commands;
using EdgeGateway.FieldBus.Polling;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Framing;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Slave;
using EdgeGateway.Modbus.Transport;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Alarms;
using EdgeGateway.Pipeline.Validation;
using EdgeGateway.Primitives.Commands;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;

namespace EdgeGateway.DataFlow.Tests.Control.Analyzer;

/// <summary>
/// The <c>analyzer</c> control command: the profile's command register written through a running bus poller to a
/// slave on an in-memory line, results read back, the affected channels flagged, audited and announced.
/// </summary>
public sealed class AnalyzerCommandHandlerTests : IDisposable
{
    private const string CemsProfile = """
        {
          "model": "routine-test-cems",
          "manufacturer": "test",
          "description": "two gases, a temperature, a status word and commands",
          "kind": "flue-gas",
          "channels": [
            { "id": "so2", "code": "a21026", "name": "SO2", "unit": "mg/m3", "table": "holding", "address": 0, "type": "u16" },
            { "id": "nox", "code": "a21002", "name": "NOx", "unit": "mg/m3", "table": "holding", "address": 1, "type": "u16" },
            { "id": "temperature", "code": "a01012", "name": "T", "unit": "C", "table": "holding", "address": 2, "type": "u16" }
          ],
          "status": [ { "id": "state", "table": "holding", "address": 40, "type": "u16", "bits": [ { "bit": 1, "means": "calibration", "channels": ["so2", "nox"] } ] } ],
          "commands": {
            "zero": { "table": "holding", "address": 60, "value": 1 },
            "blowback": { "table": "coil", "address": 10, "value": 1 },
            "retainSample": { "table": "holding", "address": 62, "value": 1, "results": { "vaseNo": { "address": 70 } } }
          }
        }
        """;

    private const string PlainProfile = """
        { "model": "no-commands", "manufacturer": "test", "description": "", "kind": "flue-gas",
          "channels": [ { "id": "flow", "code": "a00000", "name": "flow", "unit": "m3/s", "table": "holding", "address": 0, "type": "u16" } ] }
        """;

    private static readonly ControlCaller Technician = new(4242, 1000, 1000);

    private readonly string _directory = Directory.CreateTempSubdirectory("egw-analyzer-").FullName;
    private readonly CancellationTokenSource _stop = new();
    private readonly ModbusSlaveMemory _cems = new(registers: 200, bits: 16);
    private readonly InMemoryModbusLine _line = new();
    private readonly Thread _bus;
    private readonly ChannelTable _channels;
    private readonly GatewayChannelStateHolder _state;
    private readonly MaintenanceWindows _maintenance;
    private readonly CalibrationBook _calibration;
    private readonly AuditTrail _audit;
    private readonly List<GatewayEvent> _events = [];
    private readonly AnalyzerCommandHandler _handler;
    private readonly List<(string Device, SampleRetentionOutcome Outcome, string By)> _samplesTaken = [];

    public AnalyzerCommandHandlerTests()
    {
        _line.Units[3] = _cems;
        var settings = new DevicePollSettings { PollInterval = TimeSpan.FromHours(1), Timeout = TimeSpan.FromMilliseconds(40), Retries = 0 };
        PolledDevice[] devices =
        [
            PolledDevice.Create("cems", 3, DeviceProfileLoader.Parse(CemsProfile, "routine-test-cems.json"), settings),
            PolledDevice.Create("flowmeter", 4, DeviceProfileLoader.Parse(PlainProfile, "no-commands.json"), settings),
            PolledDevice.Create("silent", 9, DeviceProfileLoader.Parse(CemsProfile, "routine-test-cems.json"), settings),
        ];
        var poller = new BusPoller("rs485-1", _line.Master, devices, new RecordingSink());
        _bus = poller.Start(_stop.Token);
        _channels = ChannelTable.ForDevices(devices);
        _state = new GatewayChannelStateHolder(new GatewayChannelState(_channels.Count));
        _maintenance = new MaintenanceWindows(_channels, _state);
        _calibration = new CalibrationBook(_channels, _state, Path.Combine(_directory, "calibration.json"));
        _audit = new AuditTrail(Path.Combine(_directory, "audit.log"));
        _handler = new AnalyzerCommandHandler(_channels, [poller], _maintenance, _calibration, _audit, _events.Add, sampleTaken: (device, outcome, by) => _samplesTaken.Add((device, outcome, by)));
    }

    [Fact]
    public async Task Zero_writes_the_command_register_and_flags_the_channels_its_calibration_bit_names_C()
    {
        var response = await AskAsync("""{"channel":"cems.so2","routine":"zero","forSeconds":600}""");

        var result = Result(response);
        Assert.Equal(1, _cems.GetRegister(ModbusTable.HoldingRegister, 60));
        Assert.Equal("holding 60 = 1", result.Written);
        Assert.Equal("C", result.Flag);
        Assert.Equal(["cems.so2", "cems.nox"], result.Channels);
        Assert.True(_state.Current[0].CalibrationUntil > DateTimeOffset.UtcNow.AddMinutes(9));
        Assert.True(_state.Current[1].CalibrationUntil > DateTimeOffset.UtcNow.AddMinutes(9));
        Assert.Null(_state.Current[2].CalibrationUntil);
        var entry = Assert.Single(_audit.Read(DateTimeOffset.MinValue));
        Assert.Equal("analyzer-zero", entry.Action);
        Assert.Equal("device cems (cems.so2)", entry.Target);
        var announced = Assert.Single(_events);
        Assert.Equal(GatewayEventKind.Calibration, announced.Kind);
        Assert.StartsWith("zero routine started on cems by ", announced.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blowback_sets_the_coil_flags_the_whole_device_M_and_never_shortens_a_longer_maintenance()
    {
        var longer = DateTimeOffset.UtcNow.AddHours(2);
        _maintenance.TrySelect(null, "cems.temperature", out var temperature, out _);
        _maintenance.Start(temperature, longer);

        var result = Result(await AskAsync("""{"channel":"cems.nox","routine":"blowback"}"""));

        var coil = new bool[1];
        _cems.TryReadBits(ModbusTable.Coil, 10, coil);
        Assert.True(coil[0]);
        Assert.Equal("M", result.Flag);
        Assert.Equal(["cems.so2", "cems.nox", "cems.temperature"], result.Channels);
        Assert.True(_state.Current[0].MaintenanceUntil < DateTimeOffset.UtcNow.AddMinutes(6));
        Assert.Equal(longer, _state.Current[2].MaintenanceUntil);
        Assert.Equal(GatewayEventKind.Maintenance, Assert.Single(_events).Kind);
    }

    [Fact]
    public async Task The_registers_a_command_declares_are_read_back()
    {
        _cems.SetRegisters(ModbusTable.HoldingRegister, 70, [7]);

        var result = Result(await AskAsync("""{"channel":"cems.so2","routine":"retainSample"}"""));

        Assert.Equal(7, result.Results["vaseNo"]);
        Assert.Null(result.Flag);
    }

    // Issue 14, defect 4: a sample kept by hand must reach the alarm whose own request failed (the alarm stage's SampleTaken).
    [Fact]
    public async Task A_retainSample_run_by_hand_tells_the_alarms_which_bottle_and_other_routines_tell_nothing()
    {
        _cems.SetRegisters(ModbusTable.HoldingRegister, 70, [2]);

        Result(await AskAsync("""{"channel":"cems.so2","routine":"zero"}"""));
        Result(await AskAsync("""{"channel":"cems.so2","routine":"retainSample"}"""));

        var (device, outcome, by) = Assert.Single(_samplesTaken);
        Assert.Equal("cems", device);
        Assert.True(outcome.Retained);
        Assert.Equal(2, outcome.VaseNo);
        Assert.StartsWith("egw analyzer (", by, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"channel":"cems.so2","routine":"span"}""", "profile routine-test-cems of cems declares no 'span' command; it declares: blowback, retainSample, zero")]
    [InlineData("""{"channel":"flowmeter.flow","routine":"zero"}""", "profile no-commands of flowmeter declares no commands: start the routine at the analyzer's own panel")]
    [InlineData("""{"channel":"cems.co","routine":"zero"}""", "no channel 'cems.co'")]
    [InlineData("""{"channel":"cems.so2"}""", "channel (device.channel) and routine (zero, span, blowback) are required")]
    [InlineData("""{"channel":"cems.so2","routine":"zero","forSeconds":0}""", "forSeconds is a number of seconds from 1 to 86400")]
    public async Task What_cannot_be_done_is_refused_with_the_reason_and_writes_nothing(string args, string message)
    {
        var response = await AskAsync(args);

        Assert.Equal(CommandErrorCodes.InvalidArgument, response.Error?.Code);
        Assert.Contains(message, response.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(0, _cems.GetRegister(ModbusTable.HoldingRegister, 60));
        Assert.Empty(_audit.Read(DateTimeOffset.MinValue));
    }

    [Fact]
    public async Task An_analyzer_that_does_not_answer_fails_the_command_flags_nothing_and_the_attempt_is_audited()
    {
        var response = await AskAsync("""{"channel":"silent.so2","routine":"zero"}""");

        Assert.Equal(CommandErrorCodes.Failed, response.Error?.Code);
        Assert.Contains("silent did not take the zero command (holding 60 = 1): timeout", response.Error!.Message, StringComparison.Ordinal);
        Assert.All(Enumerable.Range(0, _channels.Count), index => Assert.Null(_state.Current[index].CalibrationUntil));
        Assert.StartsWith("failed: holding 60 = 1", Assert.Single(_audit.Read(DateTimeOffset.MinValue)).After, StringComparison.Ordinal);
        Assert.Empty(_events);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _bus.Join(TimeSpan.FromSeconds(5));
        _line.Dispose();
        _stop.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static AnalyzerRoutineResult Result(ControlResponse response)
    {
        Assert.True(response.Ok, response.Error?.Message);
        return response.Result!.Value.Deserialize(AnalyzerJsonContext.Default.AnalyzerRoutineResult)!;
    }

    private async Task<ControlResponse> AskAsync(string args) =>
        await _handler.HandleAsync(new ControlRequest(ControlProtocol.Version, "1", "analyzer", JsonDocument.Parse(args).RootElement.Clone()), Technician, TestContext.Current.CancellationToken)
            .AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
}
