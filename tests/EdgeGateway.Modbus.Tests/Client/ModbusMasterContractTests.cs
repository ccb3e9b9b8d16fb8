using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Framing;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Slave;
using EdgeGateway.Modbus.Tests.Slave;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Modbus.Tests.Client;

/// <summary>
/// What every master/line combination must do, whatever carries the bytes. Each subclass supplies a line (an
/// in-memory pair, a pty pair, a TCP loopback connection) and a framing; a behavioural slave model answers.
/// </summary>
public abstract class ModbusMasterContractTests : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _slaveThread;
    private readonly IModbusTransport _slaveEnd;

    protected ModbusMasterContractTests()
    {
        var (masterEnd, slaveEnd) = CreateLine();
        slaveEnd = DecorateSlaveEnd(slaveEnd);
        _slaveEnd = slaveEnd;
        Memory = new ModbusSlaveMemory(registers: 1000, bits: 1000);
        var units = new Dictionary<byte, IModbusSlaveDevice> { [1] = Memory, [2] = SecondUnit };
        Server = new ModbusSlaveServer(slaveEnd, CreateFramer(), units, new ModbusSlaveServerOptions { Faults = Faults, FrameSilence = FrameSilence });
        _slaveThread = new Thread(() => Server.Run(_stop.Token)) { IsBackground = true, Name = "test slave" };
        _slaveThread.Start();
        Master = new ModbusMaster(masterEnd, CreateFramer(), new ModbusMasterOptions
        {
            Timeout = TimeSpan.FromMilliseconds(300),
            Retries = 0,
            FrameSilence = FrameSilence,
            StreamFraming = StreamFraming,
            LateAnswerGuard = TimeSpan.FromMilliseconds(50),
        });
    }

    protected ModbusSlaveMemory Memory { get; }

    protected ModbusSlaveMemory SecondUnit { get; } = new(registers: 100, bits: 100);

    protected ScriptedFaults Faults { get; } = new();

    protected ModbusSlaveServer Server { get; }

    protected ModbusMaster Master { get; }

    protected virtual TimeSpan FrameSilence => TimeSpan.FromMilliseconds(2);

    /// <summary>RTU frames in a byte stream (RTU over TCP), as <see cref="ModbusConnectionFactory"/> sets it for such a bus.</summary>
    protected virtual bool StreamFraming => false;

    [Fact]
    public void Reads_holding_and_input_registers()
    {
        Memory.SetRegisters(ModbusTable.HoldingRegister, 10, [1, 2, 3, 65535]);
        Memory.SetRegisters(ModbusTable.InputRegister, 500, [0x1234]);
        var holding = new ushort[4];
        var input = new ushort[1];

        Master.ReadRegisters(1, ModbusTable.HoldingRegister, 10, 4, holding).ThrowIfFailed();
        Master.ReadRegisters(1, ModbusTable.InputRegister, 500, 1, input).ThrowIfFailed();

        Assert.Equal([1, 2, 3, 65535], holding);
        Assert.Equal([0x1234], input);
    }

    [Fact]
    public void Reads_the_largest_request_the_specification_allows()
    {
        var values = Enumerable.Range(0, 125).Select(i => (ushort)(i * 7)).ToArray();
        Memory.SetRegisters(ModbusTable.HoldingRegister, 0, values);
        var read = new ushort[125];

        Master.ReadRegisters(1, ModbusTable.HoldingRegister, 0, 125, read).ThrowIfFailed();

        Assert.Equal(values, read);
    }

    [Fact]
    public void Reads_coils_and_discrete_inputs()
    {
        Memory.SetBits(ModbusTable.Coil, 3, [true, false, true, true, false, false, true, false, true]);
        Memory.SetBits(ModbusTable.DiscreteInput, 0, [false, true]);
        var coils = new bool[9];
        var inputs = new bool[2];

        Master.ReadBits(1, ModbusTable.Coil, 3, 9, coils).ThrowIfFailed();
        Master.ReadBits(1, ModbusTable.DiscreteInput, 0, 2, inputs).ThrowIfFailed();

        Assert.Equal([true, false, true, true, false, false, true, false, true], coils);
        Assert.Equal([false, true], inputs);
    }

    [Fact]
    public void Writes_reach_the_slave()
    {
        Master.WriteSingleRegister(1, 7, 0xBEEF).ThrowIfFailed();
        Master.WriteMultipleRegisters(1, 20, [1, 2, 3]).ThrowIfFailed();
        Master.WriteSingleCoil(1, 5, true).ThrowIfFailed();
        Master.WriteMultipleCoils(1, 8, [true, true, false, true]).ThrowIfFailed();

        Assert.Equal(0xBEEF, Memory.GetRegister(ModbusTable.HoldingRegister, 7));
        Assert.Equal(3, Memory.GetRegister(ModbusTable.HoldingRegister, 22));
        Assert.True(Memory.GetBit(ModbusTable.Coil, 5));
        Assert.False(Memory.GetBit(ModbusTable.Coil, 10));
        Assert.True(Memory.GetBit(ModbusTable.Coil, 11));
    }

    [Fact]
    public void Execute_returns_the_answer_pdu_and_its_length()
    {
        Memory.SetRegisters(ModbusTable.HoldingRegister, 4, [0x1234, 0xABCD]);
        var answer = new byte[ModbusLimits.MaxPduLength];

        var result = Master.Execute(1, [0x03, 0x00, 0x04, 0x00, 0x02], answer, out var length);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal([0x03, 0x04, 0x12, 0x34, 0xAB, 0xCD], answer[..length]);
    }

    [Fact]
    public void Diagnostics_echo_checks_the_line()
    {
        Assert.True(Master.Diagnostics(1, 0, 0xA537).IsSuccess);
    }

    [Fact]
    public void Exception_answer_is_typed_and_not_retried()
    {
        var registers = new ushort[10];
        var result = Master.ReadRegisters(1, ModbusTable.HoldingRegister, 995, 10, registers, new ModbusCallOptions(TimeSpan.FromMilliseconds(300), Retries: 3));

        Assert.Equal(ModbusErrorKind.Exception, result.Error);
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, result.ExceptionCode);
        Assert.Equal(1, result.Attempts);
        var thrown = Assert.Throws<ModbusSlaveException>(result.ThrowIfFailed);
        Assert.Equal("slave 1 answered exception 02: illegal data address (the device has no register there)", thrown.Message);
    }

    [Fact]
    public void Injected_exception_is_reported()
    {
        Faults.Enqueue(new SlaveFault(SlaveFaultKind.Exception, ExceptionCode: ModbusExceptionCode.ServerDeviceBusy));
        var result = Master.ReadRegisters(1, ModbusTable.HoldingRegister, 0, 1, new ushort[1]);
        Assert.Equal(ModbusExceptionCode.ServerDeviceBusy, result.ExceptionCode);
        Assert.Equal(1, Master.Statistics.Exceptions);
    }

    [Fact]
    public void Silent_slave_times_out_then_the_bus_carries_on()
    {
        Faults.Enqueue(new SlaveFault(SlaveFaultKind.NoAnswer));
        Memory.SetRegisters(ModbusTable.HoldingRegister, 0, [42]);
        var registers = new ushort[1];

        var silent = Master.ReadRegisters(1, ModbusTable.HoldingRegister, 0, 1, registers);
        var next = Master.ReadRegisters(1, ModbusTable.HoldingRegister, 0, 1, registers);

        Assert.Equal(ModbusErrorKind.Timeout, silent.Error);
        Assert.Equal("timeout: no answer from slave 1 within 300 ms", silent.Detail);
        Assert.True(next.IsSuccess, next.ToString());
        Assert.Equal(42, registers[0]);
        Assert.Equal(1, Master.Statistics.Timeouts);
    }

    [Fact]
    public void Retries_cover_a_single_lost_answer()
    {
        Faults.Enqueue(new SlaveFault(SlaveFaultKind.NoAnswer));
        var result = Master.ReadRegisters(1, ModbusTable.HoldingRegister, 0, 1, new ushort[1], new ModbusCallOptions(TimeSpan.FromMilliseconds(200), Retries: 1));
        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public void Late_answer_is_never_taken_for_the_next_request()
    {
        // The first answer carries 111 but arrives after the master gave up; by then the register holds 222.
        Memory.SetRegisters(ModbusTable.HoldingRegister, 0, [111]);
        Faults.Enqueue(new SlaveFault(SlaveFaultKind.Slow, Delay: TimeSpan.FromMilliseconds(420)));
        var registers = new ushort[1];

        var late = Master.ReadRegisters(1, ModbusTable.HoldingRegister, 0, 1, registers);
        Memory.SetRegisters(ModbusTable.HoldingRegister, 0, [222]);
        var next = Master.ReadRegisters(1, ModbusTable.HoldingRegister, 0, 1, registers);

        Assert.Equal(ModbusErrorKind.Timeout, late.Error);
        Assert.True(next.IsSuccess, next.ToString());
        Assert.Equal(222, registers[0]);
    }

    [Fact]
    public void Several_slaves_share_one_line()
    {
        SecondUnit.SetRegisters(ModbusTable.InputRegister, 0, [2222]);
        Memory.SetRegisters(ModbusTable.InputRegister, 0, [1111]);
        var one = new ushort[1];
        var two = new ushort[1];

        Master.ReadRegisters(1, ModbusTable.InputRegister, 0, 1, one).ThrowIfFailed();
        Master.ReadRegisters(2, ModbusTable.InputRegister, 0, 1, two).ThrowIfFailed();

        Assert.Equal(1111, one[0]);
        Assert.Equal(2222, two[0]);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _slaveThread.Join(TimeSpan.FromSeconds(2));
        Master.Dispose();
        _slaveEnd.Dispose();
        DisposeLine();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    protected abstract (IModbusTransport Master, IModbusTransport Slave) CreateLine();

    /// <summary>Releases whatever carries the line (a socat process, say) after both ends are closed.</summary>
    protected virtual void DisposeLine()
    {
    }

    /// <summary>Lets a subclass wrap the slave's end of the line (to inject noise, say).</summary>
    protected virtual IModbusTransport DecorateSlaveEnd(IModbusTransport slave) => slave;

    protected abstract IModbusFramer CreateFramer();
}
