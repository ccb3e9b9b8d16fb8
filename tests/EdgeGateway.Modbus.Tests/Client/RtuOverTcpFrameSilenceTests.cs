using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Framing;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Slave;
using EdgeGateway.Testing.Modbus.Transport;

namespace EdgeGateway.Modbus.Tests.Client;

/// <summary>
/// Issue 18: a device on an RTU-over-TCP bus cost its bus thread several times what a Modbus TCP device costs, because
/// the master waited out the 5 ms frame silence after every answer (and before the next request): one timed sleep and
/// wake-up per request, on a stream that carries no line timing. These tests count the reads that ran out in silence.
/// </summary>
public sealed class RtuOverTcpFrameSilenceTests : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _slaveThread;
    private readonly ModbusSlaveMemory _memory = new(registers: 100, bits: 10);
    private readonly ReadCountingTransport _masterEnd;
    private readonly ModbusMaster _master;

    public RtuOverTcpFrameSilenceTests()
    {
        var (masterEnd, slaveEnd) = InMemoryTransportPair.Create("rtu+tcp");
        var server = new ModbusSlaveServer(slaveEnd, new ModbusRtuFramer(), new Dictionary<byte, IModbusSlaveDevice> { [5] = _memory });
        _slaveThread = new Thread(() => server.Run(_stop.Token)) { IsBackground = true, Name = "test slave" };
        _slaveThread.Start();
        _masterEnd = new ReadCountingTransport(masterEnd);

        // Built the way the gateway builds an RTU-over-TCP bus, so the factory's part is pinned too.
        _master = ModbusConnectionFactory.CreateMaster(
            ModbusEndpoint.Parse("rtu+tcp://127.0.0.1:4001"),
            _masterEnd,
            new ModbusMasterOptions { Timeout = TimeSpan.FromSeconds(5), Retries = 0 });
    }

    [Fact]
    public void Rtu_over_tcp_answered_requests_do_not_wait_out_a_frame_silence()
    {
        _memory.SetRegisters(ModbusTable.HoldingRegister, 0, [1, 2, 3]);
        var registers = new ushort[3];

        // The first request after opening may meet an answer from before: it keeps the silences.
        Assert.True(_master.ReadRegisters(5, ModbusTable.HoldingRegister, 0, 3, registers).IsSuccess);
        var silentBefore = _masterEnd.SilentReads;
        for (var i = 0; i < 5; i++)
        {
            var result = _master.ReadRegisters(5, ModbusTable.HoldingRegister, 0, 3, registers);
            Assert.True(result.IsSuccess, result.ToString());
        }

        Assert.Equal([1, 2, 3], registers);
        Assert.Equal(0, _masterEnd.SilentReads - silentBefore);
    }

    [Fact]
    public void Rtu_over_tcp_master_keeps_the_frame_silence_after_an_unanswered_request()
    {
        _memory.SetRegisters(ModbusTable.HoldingRegister, 0, [7]);
        var registers = new ushort[1];
        Assert.True(_master.ReadRegisters(5, ModbusTable.HoldingRegister, 0, 1, registers).IsSuccess);
        Assert.True(_master.ReadRegisters(5, ModbusTable.HoldingRegister, 0, 1, registers).IsSuccess);

        // Slave 9 is not on the line: its request goes unanswered, so the next answer must prove itself by a silence.
        var unanswered = _master.ReadRegisters(9, ModbusTable.HoldingRegister, 0, 1, registers, new ModbusCallOptions(TimeSpan.FromMilliseconds(50), 0));
        Assert.Equal(ModbusErrorKind.Timeout, unanswered.Error);
        var silentBefore = _masterEnd.SilentReads;
        Assert.True(_master.ReadRegisters(5, ModbusTable.HoldingRegister, 0, 1, registers).IsSuccess);

        Assert.True(_masterEnd.SilentReads - silentBefore >= 1, "the answer after an unanswered request was taken without a silence");
        Assert.Equal(7, registers[0]);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _slaveThread.Join(TimeSpan.FromSeconds(5));
        _master.Dispose();
        _stop.Dispose();
    }
}
