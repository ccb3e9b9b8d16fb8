using EdgeGateway.Interop.Tests.Peers;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.Interop.Tests.Modbus;

/// <summary>
/// Our master against a real pymodbus RTU slave behind a line that loses, delays and corrupts answers: each fault is
/// reported as its kind, and the next transaction gets the right answer.
/// </summary>
public sealed class MasterAgainstPymodbusFaultTests : IDisposable
{
    private readonly LineTamperer _line;
    private readonly PymodbusSlave _slave;
    private readonly ModbusMaster _master;

    public MasterAgainstPymodbusFaultTests()
    {
        PeerRequirements.RequireSocat();
        PeerRequirements.RequirePymodbus();
        _line = new LineTamperer();
        _slave = PymodbusSlave.StartRtu(_line.SlavePath, PymodbusLayout.Options(1));
        _master = ModbusConnectionFactory.CreateMaster(
            ModbusEndpoint.Parse(_line.MasterPath),
            new ModbusMasterOptions { Timeout = TimeSpan.FromMilliseconds(400), Retries = 0, LateAnswerGuard = TimeSpan.FromMilliseconds(100) });
    }

    [Fact]
    public void A_lost_answer_is_a_timeout_and_the_bus_carries_on()
    {
        var registers = new ushort[2];
        _line.Arm(LineFault.Drop);

        var lost = _master.ReadRegisters(1, ModbusTable.HoldingRegister, 6, 2, registers);
        var next = _master.ReadRegisters(1, ModbusTable.HoldingRegister, 6, 2, registers);

        Assert.Equal(ModbusErrorKind.Timeout, lost.Error);
        Assert.True(next.IsSuccess, next.ToString());
        Assert.Equal([0x42F6, 0xE979], registers);
        Assert.Equal(1, _line.FaultsApplied);
    }

    [Fact]
    public void A_corrupted_answer_is_a_crc_error_and_the_bus_carries_on()
    {
        var registers = new ushort[1];
        _line.Arm(LineFault.CorruptCrc);

        var corrupted = _master.ReadRegisters(1, ModbusTable.HoldingRegister, 0, 1, registers);
        var next = _master.ReadRegisters(1, ModbusTable.HoldingRegister, 0, 1, registers);

        Assert.Equal(ModbusErrorKind.Crc, corrupted.Error);
        Assert.True(next.IsSuccess, next.ToString());
        Assert.Equal(0xD431, registers[0]);
        Assert.Equal(1, _master.Statistics.CrcErrors);
    }

    [Fact]
    public void A_late_answer_is_dropped_not_taken_for_the_next_request()
    {
        var first = new ushort[2];
        var second = new ushort[2];
        _line.Arm(LineFault.Delay, TimeSpan.FromMilliseconds(450));

        // The late answer (registers 6-7) arrives while the master waits for registers 8-9 of the same length.
        var late = _master.ReadRegisters(1, ModbusTable.HoldingRegister, 6, 2, first);
        var next = _master.ReadRegisters(1, ModbusTable.HoldingRegister, 8, 2, second);

        Assert.Equal(ModbusErrorKind.Timeout, late.Error);
        Assert.True(next.IsSuccess, next.ToString());
        Assert.Equal([0x0000, 0xBF00], second);
        Assert.True(_master.Statistics.StaleFrames >= 1, "the late answer was not counted as stale");
    }

    [Fact]
    public void An_exception_is_reported_with_its_code_and_the_bus_carries_on()
    {
        var registers = new ushort[1];

        var refused = _master.ReadRegisters(1, ModbusTable.HoldingRegister, 5000, 1, registers);
        var next = _master.ReadRegisters(1, ModbusTable.InputRegister, 0, 1, registers);

        Assert.Equal(ModbusErrorKind.Exception, refused.Error);
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, refused.ExceptionCode);
        Assert.True(next.IsSuccess, next.ToString());
        Assert.Equal(11111, registers[0]);
    }

    [Fact]
    public void Writes_reach_pymodbus_and_read_back()
    {
        var registers = new ushort[3];
        var coils = new bool[4];

        _master.WriteSingleRegister(1, 200, 0xCAFE).ThrowIfFailed();
        _master.WriteMultipleRegisters(1, 201, [7, 8]).ThrowIfFailed();
        _master.WriteSingleCoil(1, 20, true).ThrowIfFailed();
        _master.WriteMultipleCoils(1, 21, [false, true, true]).ThrowIfFailed();
        _master.ReadRegisters(1, ModbusTable.HoldingRegister, 200, 3, registers).ThrowIfFailed();
        _master.ReadBits(1, ModbusTable.Coil, 20, 4, coils).ThrowIfFailed();

        Assert.Equal([0xCAFE, 7, 8], registers);
        Assert.Equal([true, false, true, true], coils);
    }

    public void Dispose()
    {
        _master.Dispose();
        _slave.Dispose();
        _line.Dispose();
    }
}
