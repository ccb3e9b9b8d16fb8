using System.Collections.Concurrent;
using System.Text.Json;
using EdgeGateway.Control;
using EdgeGateway.Control.Contract;
using EdgeGateway.DataFlow.Tests.FieldBus.Polling;
using EdgeGateway.FieldBus.Polling;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Framing;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Slave;
using EdgeGateway.Modbus.Transport;
using EdgeGateway.Primitives.Commands;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.DataFlow.Tests.Control;

/// <summary>The <c>modbus</c> control command through a running bus poller to a slave on an in-memory line.</summary>
public sealed class ModbusTunnelTests : IDisposable
{
    private const string ProfileJson = """
        {
          "model": "tunnel-test-analyzer",
          "manufacturer": "test",
          "description": "one register",
          "kind": "flue-gas",
          "channels": [ { "id": "so2", "code": "a21026", "name": "SO2", "unit": "mg/m3", "table": "holding", "address": 0, "type": "u16" } ]
        }
        """;

    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly ControlCaller Technician = new(4242, 1000, 1000);

    private readonly string _directory = Directory.CreateTempSubdirectory("egw-tunnel-").FullName;
    private readonly CancellationTokenSource _stop = new();
    private readonly ModbusSlaveMemory _analyzer = new(registers: 200, bits: 16);
    private readonly InMemoryModbusLine _line = new();
    private readonly BusPoller _poller;
    private readonly Thread _bus;
    private readonly AuditTrail _audit;
    private readonly ModbusTunnel _tunnel;

    public ModbusTunnelTests()
    {
        _line.Units[3] = _analyzer;
        var profile = DeviceProfileLoader.Parse(ProfileJson, "tunnel-test-analyzer.json");
        var settings = new DevicePollSettings { PollInterval = TimeSpan.FromHours(1), Timeout = TimeSpan.FromMilliseconds(40), Retries = 0 };
        _poller = new BusPoller("rs485-1", _line.Master, [PolledDevice.Create("cems", 3, profile, settings)], new RecordingSink());
        _bus = _poller.Start(_stop.Token);
        _audit = new AuditTrail(Path.Combine(_directory, "audit.log"));
        _tunnel = new ModbusTunnel([new TunnelledBus("rs485-1", ModbusEndpoint.Parse("/dev/ttyUSB0"), _poller)], _audit, new FakeTimeProvider(Now));
    }

    [Theory]
    [InlineData("""{"port":"/dev/ttyUSB0","unit":3,"pdu":"0300090002"}""")]
    [InlineData("""{"port":"serial:///dev/ttyUSB0","unit":3,"pdu":"0300090002","timeoutMs":500,"retries":0}""")]
    [InlineData("""{"bus":"rs485-1","unit":3,"pdu":"0300090002"}""")]
    public async Task A_read_returns_the_answer_pdu_and_is_not_audited(string args)
    {
        _analyzer.SetRegisters(ModbusTable.HoldingRegister, 9, [0x1234, 0xABCD]);

        var result = Result(await AskAsync(args));
        Assert.Equal("rs485-1", result.Bus);
        Assert.Equal("03041234abcd", result.Pdu);
        Assert.Null(result.Error);
        Assert.Equal(1, result.Attempts);
        Assert.Empty(_audit.Read(DateTimeOffset.MinValue));
    }

    [Fact]
    public async Task A_port_without_a_pdu_is_a_look_up_of_its_bus()
    {
        var result = Result(await AskAsync("""{"port":"/dev/ttyUSB0"}"""));

        Assert.Equal(new ModbusTunnelResult("rs485-1"), result);
    }

    [Fact]
    public async Task Writes_reach_the_slave_and_are_audited_with_who_what_and_the_values()
    {
        var single = Result(await AskAsync("""{"port":"/dev/ttyUSB0","unit":3,"pdu":"0600280539"}"""));
        var multiple = Result(await AskAsync("""{"bus":"rs485-1","unit":3,"pdu":"10000a000204000100ff"}"""));
        var coil = Result(await AskAsync("""{"bus":"rs485-1","unit":3,"pdu":"050004ff00"}"""));

        Assert.Equal("0600280539", single.Pdu);
        Assert.Equal("10000a0002", multiple.Pdu);
        Assert.Equal("050004ff00", coil.Pdu);
        var registers = new ushort[2];
        _analyzer.TryReadRegisters(ModbusTable.HoldingRegister, 40, registers.AsSpan(0, 1));
        Assert.Equal(1337, registers[0]);
        _analyzer.TryReadRegisters(ModbusTable.HoldingRegister, 10, registers);
        Assert.Equal([1, 255], registers);
        var entries = _audit.Read(DateTimeOffset.MinValue);
        Assert.Equal(3, entries.Count);
        Assert.All(entries, entry =>
        {
            Assert.Equal("modbus-write", entry.Action);
            Assert.Equal(Now, entry.At);
            Assert.Equal(Technician.UserId, entry.UserId);
            Assert.Equal(UserNames.Of(Technician.UserId), entry.User);
        });
        Assert.Equal(("bus rs485-1 slave 3 holding 40", "1337"), (entries[0].Target, entries[0].After));
        Assert.Equal(("bus rs485-1 slave 3 holding 10-11", "1 255"), (entries[1].Target, entries[1].After));
        Assert.Equal(("bus rs485-1 slave 3 coil 4", "on"), (entries[2].Target, entries[2].After));
    }

    [Theory]
    [InlineData("""{"port":"/dev/ttyUSB1","unit":3,"pdu":"0300000001"}""")]
    [InlineData("""{"port":"tcp://10.0.0.5:502","unit":3,"pdu":"0300000001"}""")]
    [InlineData("""{"bus":"rs485-9","unit":3,"pdu":"0300000001"}""")]
    [InlineData("""{"port":"/dev/ttyUSB1"}""")]
    public async Task A_port_or_bus_this_gateway_does_not_serve_is_not_found(string args)
    {
        var response = await AskAsync(args);

        Assert.False(response.Ok);
        Assert.Equal(CommandErrorCodes.NotFound, response.Error!.Code);
        Assert.Contains("rs485-1 on /dev/ttyUSB0", response.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"port":"/dev/ttyUSB0","unit":3,"pdu":"03zz000001"}""", "not hex")]
    [InlineData("""{"port":"/dev/ttyUSB0","unit":3,"pdu":"030000001"}""", "not hex")]
    [InlineData("""{"port":"/dev/ttyUSB0","unit":3,"pdu":"0300"}""", "5 bytes")]
    [InlineData("""{"port":"/dev/ttyUSB0","unit":3,"pdu":""}""", "1 to 253 bytes")]
    [InlineData("""{"port":"/dev/ttyUSB0","unit":3,"pdu":"8300000001"}""", "not a request")]
    [InlineData("""{"port":"/dev/ttyUSB0","unit":3,"pdu":"1000000002030001"}""", "byte count")]
    [InlineData("""{"port":"/dev/ttyUSB0","unit":0,"pdu":"0600000001"}""", "broadcast")]
    [InlineData("""{"port":"/dev/ttyUSB0","unit":248,"pdu":"0300000001"}""", "1 to 247")]
    [InlineData("""{"port":"/dev/ttyUSB0","pdu":"0300000001"}""", "1 to 247")]
    [InlineData("""{"port":"/dev/ttyUSB0","unit":3,"pdu":"0300000001","timeoutMs":0}""", "timeoutMs")]
    [InlineData("""{"port":"/dev/ttyUSB0","unit":3,"pdu":"0300000001","retries":11}""", "retries")]
    [InlineData("""{"port":"/dev/ttyUSB0","bus":"rs485-1","unit":3,"pdu":"0300000001"}""", "either port")]
    [InlineData("""{"unit":3,"pdu":"0300000001"}""", "either port")]
    [InlineData("""{"port":"COM1","unit":3,"pdu":"0300000001"}""", "not a serial device path")]
    [InlineData("""{"port":"/dev/ttyUSB0","unit":"three","pdu":"0300000001"}""", "args are")]
    public async Task Bad_arguments_are_refused_before_anything_is_sent(string args, string message)
    {
        var response = await AskAsync(args);

        Assert.False(response.Ok);
        Assert.Equal(CommandErrorCodes.InvalidArgument, response.Error!.Code);
        Assert.Contains(message, response.Error.Message, StringComparison.Ordinal);
        Assert.Empty(_audit.Read(DateTimeOffset.MinValue));
    }

    [Fact]
    public async Task A_silent_slave_is_a_timeout_result_not_a_control_error()
    {
        var response = await AskAsync("""{"port":"/dev/ttyUSB0","unit":9,"pdu":"0300000001","timeoutMs":50,"retries":1}""");

        Assert.True(response.Ok, response.Error?.Message);
        var result = Result(response);
        Assert.Equal("timeout", result.Error);
        Assert.Null(result.Pdu);
        Assert.Equal(2, result.Attempts);
        Assert.Contains("no answer from slave 9", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exception_answer_carries_its_code_and_a_refused_write_is_audited_as_not_confirmed()
    {
        var result = Result(await AskAsync("""{"bus":"rs485-1","unit":3,"pdu":"0601f40001"}"""));

        Assert.Equal("exception", result.Error);
        Assert.Equal((int)ModbusExceptionCode.IllegalDataAddress, result.ExceptionCode);
        var entry = Assert.Single(_audit.Read(DateTimeOffset.MinValue));
        Assert.Equal("bus rs485-1 slave 3 holding 500", entry.Target);
        Assert.StartsWith("1 (not confirmed: slave 3 answered exception 02", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_bus_queue_answers_busy()
    {
        using var stopped = new CancellationTokenSource();
        var idle = new BusPoller("idle", _line.Master, [], new RecordingSink());
        var tunnel = new ModbusTunnel([new TunnelledBus("idle", ModbusEndpoint.Parse("tcp://10.0.0.5"), idle)], _audit, TimeProvider.System);
        var waiting = Enumerable.Range(0, BusPoller.MaxPendingRequests).Select(_ => idle.SubmitAsync(_ => 0, stopped.Token)).ToArray();

        var response = await tunnel.HandleAsync(Request("""{"port":"tcp://10.0.0.5:502","unit":1,"pdu":"0300000001"}"""), Technician, TestContext.Current.CancellationToken);

        Assert.Equal(CommandErrorCodes.Busy, response.Error?.Code);
        Assert.Contains("busy", response.Error!.Message, StringComparison.Ordinal);
        stopped.Cancel();
        Assert.All(waiting, task => Assert.True(task.IsCanceled));
    }

    public void Dispose()
    {
        _stop.Cancel();
        _bus.Join(TimeSpan.FromSeconds(5));
        _line.Dispose();
        _stop.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static ControlRequest Request(string args) => new(ControlProtocol.Version, "1", "modbus", JsonDocument.Parse(args).RootElement.Clone());

    private static ModbusTunnelResult Result(ControlResponse response)
    {
        Assert.True(response.Ok, response.Error?.Message);
        return response.Result!.Value.Deserialize(ModbusTunnelJsonContext.Default.ModbusTunnelResult)!;
    }

    private async Task<ControlResponse> AskAsync(string args) =>
        await _tunnel.HandleAsync(Request(args), Technician, TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
}
