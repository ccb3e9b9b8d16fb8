using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Framing;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Testing.Modbus.Transport;

namespace EdgeGateway.Modbus.Tests.Client;

/// <summary>
/// Issue 18: emptying the input before each request is a system call per exchange on TCP (ioctl FIONREAD). With
/// transaction ids a stream left at a frame boundary needs no emptying (a stale answer is told apart by its id); RTU,
/// over TCP too, has no id, so the input is emptied before every request. The slave here is played by the test, so
/// that a stale answer can be put on the line exactly between two requests.
/// </summary>
public sealed class InputDiscardTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public void Modbus_tcp_empties_the_input_only_before_the_first_request_of_a_connection_while_answers_come_whole()
    {
        var (line, slaveEnd, master) = Create(new ModbusTcpFramer(), streamFraming: false);

        for (ushort value = 1; value <= 5; value++)
        {
            Assert.Equal(value, Exchange(master, slaveEnd, new ModbusTcpFramer(), value));
        }

        Assert.Equal(1, line.Discards);
    }

    [Fact]
    public void Modbus_tcp_drops_a_stale_answer_waiting_on_the_line_by_its_transaction_id()
    {
        var framer = new ModbusTcpFramer();
        var (line, slaveEnd, master) = Create(framer, streamFraming: false);
        Assert.Equal(111, Exchange(master, slaveEnd, framer, 111));

        // The same answer again (a gateway repeating itself), waiting when the next request goes out: not emptied now.
        slaveEnd.Write(Answer(framer, transactionId: 1, value: 111));
        var next = Exchange(master, slaveEnd, framer, 222);

        Assert.Equal(222, next);
        Assert.Equal(1, master.Statistics.StaleFrames);
        Assert.Equal(1, line.Discards);
    }

    [Fact]
    public void Modbus_tcp_empties_the_input_again_after_a_timeout()
    {
        var framer = new ModbusTcpFramer();
        var (line, slaveEnd, master) = Create(framer, streamFraming: false);
        Assert.Equal(1, Exchange(master, slaveEnd, framer, 1));

        var unanswered = master.ReadRegisters(1, ModbusTable.HoldingRegister, 0, 1, new ushort[1], new ModbusCallOptions(TimeSpan.FromMilliseconds(50), 0));
        ReadRequest(slaveEnd, framer);
        slaveEnd.Write(Answer(framer, transactionId: 2, value: 2));   // the late answer
        var next = Exchange(master, slaveEnd, framer, 3);

        Assert.Equal(ModbusErrorKind.Timeout, unanswered.Error);
        Assert.Equal(3, next);
        Assert.Equal(2, line.Discards);   // after opening, and after the timeout; not before the unanswered request
        Assert.Equal(11, master.Statistics.DiscardedBytes);   // the late answer, MBAP header and PDU
    }

    [Fact]
    public void Rtu_over_tcp_empties_the_input_before_every_request()
    {
        var framer = new ModbusRtuFramer();
        var (line, slaveEnd, master) = Create(framer, streamFraming: true);

        for (ushort value = 1; value <= 5; value++)
        {
            Assert.Equal(value, Exchange(master, slaveEnd, framer, value));
        }

        Assert.Equal(5, line.Discards);
    }

    [Fact]
    public void Rtu_over_tcp_never_takes_a_repeated_answer_for_the_next_one()
    {
        // Without transaction ids the repeat fits the next request exactly: only emptying the input keeps it out.
        var framer = new ModbusRtuFramer();
        var (_, slaveEnd, master) = Create(framer, streamFraming: true);
        Assert.Equal(111, Exchange(master, slaveEnd, framer, 111));

        byte[] repeat = Answer(framer, transactionId: 0, value: 111);
        slaveEnd.Write(repeat);
        var next = Exchange(master, slaveEnd, framer, 222);

        Assert.Equal(222, next);
        Assert.Equal(repeat.Length, master.Statistics.DiscardedBytes);
    }

    [Fact]
    public void Rtu_over_tcp_discards_a_late_answer_to_a_timed_out_request()
    {
        var framer = new ModbusRtuFramer();
        var (line, slaveEnd, master) = Create(framer, streamFraming: true);
        Assert.Equal(1, Exchange(master, slaveEnd, framer, 1));

        var unanswered = master.ReadRegisters(1, ModbusTable.HoldingRegister, 0, 1, new ushort[1], new ModbusCallOptions(TimeSpan.FromMilliseconds(50), 0));
        ReadRequest(slaveEnd, framer);
        byte[] late = Answer(framer, transactionId: 0, value: 2);
        slaveEnd.Write(late);
        var next = Exchange(master, slaveEnd, framer, 3);

        Assert.Equal(ModbusErrorKind.Timeout, unanswered.Error);
        Assert.Equal(3, next);
        Assert.Equal(late.Length, master.Statistics.DiscardedBytes);
        Assert.Equal(3, line.Discards);
    }

    private static (ReadCountingTransport Line, InMemoryTransport SlaveEnd, ModbusMaster Master) Create(IModbusFramer framer, bool streamFraming)
    {
        var (masterEnd, slaveEnd) = InMemoryTransportPair.Create(streamFraming ? "rtu+tcp" : "tcp");
        var line = new ReadCountingTransport(masterEnd);
        var master = new ModbusMaster(line, framer, new ModbusMasterOptions
        {
            Timeout = Patience,
            Retries = 0,
            FrameSilence = streamFraming ? ModbusConnectionFactory.RtuOverTcpFrameSilence : TimeSpan.Zero,
            StreamFraming = streamFraming,
            LateAnswerGuard = TimeSpan.FromMilliseconds(20),
        });
        return (line, slaveEnd, master);
    }

    /// <summary>Reads holding register 0 of unit 1 while the test answers <paramref name="value"/>; the value the master took.</summary>
    private static ushort Exchange(ModbusMaster master, InMemoryTransport slaveEnd, IModbusFramer framer, ushort value)
    {
        var registers = new ushort[1];
        var reading = Task.Run(() => master.ReadRegisters(1, ModbusTable.HoldingRegister, 0, 1, registers));
        var transactionId = ReadRequest(slaveEnd, framer);
        slaveEnd.Write(Answer(framer, transactionId, value));
        Assert.True(reading.Wait(Patience), "the master did not finish");
        Assert.True(reading.Result.IsSuccess, reading.Result.ToString());
        return registers[0];
    }

    /// <summary>Reads one request (FC 03) from the slave's end; its transaction id.</summary>
    private static ushort ReadRequest(InMemoryTransport slaveEnd, IModbusFramer framer)
    {
        var buffer = new byte[64];
        var filled = 0;
        while (true)
        {
            var read = slaveEnd.Read(buffer.AsSpan(filled), Patience);
            Assert.True(read > 0, "no request came");
            filled += read;
            var frame = framer.DecodeRequest(buffer.AsSpan(0, filled));
            if (frame.Status == FrameStatus.Complete)
            {
                Assert.Equal(frame.Length, filled);
                return frame.TransactionId;
            }
        }
    }

    private static byte[] Answer(IModbusFramer framer, ushort transactionId, ushort value)
    {
        var frame = new byte[32];
        var length = framer.Encode(frame, 1, transactionId, [0x03, 0x02, (byte)(value >> 8), (byte)value]);
        return frame[..length];
    }
}
