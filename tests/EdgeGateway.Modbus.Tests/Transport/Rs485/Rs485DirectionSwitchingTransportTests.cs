using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Framing;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Slave;
using EdgeGateway.Modbus.Transport;
using EdgeGateway.Testing.Modbus.Transport;

namespace EdgeGateway.Modbus.Tests.Transport.Rs485;

/// <summary>
/// The master's RS-485 direction switching on an in-memory line: for every frame, transmit, the delay before, the
/// bytes written and drained, the delay after, receive, and only then listening for the answer. Delays are recorded.
/// </summary>
public sealed class Rs485DirectionSwitchingTransportTests
{
    private static readonly byte[] Request = [0x01, 0x03, 0x00, 0x00, 0x00, 0x01, 0x84, 0x0A];

    [Fact]
    public void Each_frame_is_sent_between_transmit_and_receive_with_both_delays()
    {
        var log = new Rs485EventLog();
        var (masterEnd, slaveEnd) = InMemoryTransportPair.Create("rs485");
        using var transport = new Rs485DirectionSwitchingTransport(
            new RecordingTransport(masterEnd, log), new RecordingDirectionSwitch(log), TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(3), log.Sleep);

        transport.Write(Request);
        transport.Write(Request.AsSpan(0, 6));

        Assert.Equal(
            ["transmit", "sleep 2ms", "write 8 bytes", "sleep 3ms", "receive", "transmit", "sleep 2ms", "write 6 bytes", "sleep 3ms", "receive"],
            log.Events);
        Assert.Equal(14, slaveEnd.BytesAvailable);
    }

    [Fact]
    public void Zero_delays_are_not_slept()
    {
        var log = new Rs485EventLog();
        var (masterEnd, _) = InMemoryTransportPair.Create("rs485");
        using var transport = new Rs485DirectionSwitchingTransport(new RecordingTransport(masterEnd, log), new RecordingDirectionSwitch(log), TimeSpan.Zero, TimeSpan.Zero, log.Sleep);

        transport.Write(Request);

        Assert.Equal(["transmit", "write 8 bytes", "receive"], log.Events);
    }

    [Fact]
    public void Opening_puts_the_transceiver_in_receive()
    {
        var log = new Rs485EventLog();
        var (masterEnd, _) = InMemoryTransportPair.Create("rs485");
        masterEnd.Close();
        using var transport = new Rs485DirectionSwitchingTransport(masterEnd, new RecordingDirectionSwitch(log), TimeSpan.Zero, TimeSpan.Zero, log.Sleep);

        transport.Open();

        Assert.True(transport.IsOpen);
        Assert.Equal(["receive"], log.Events);
    }

    [Fact]
    public void A_failed_write_still_releases_the_bus()
    {
        var log = new Rs485EventLog();
        var (masterEnd, slaveEnd) = InMemoryTransportPair.Create("rs485");
        using var transport = new Rs485DirectionSwitchingTransport(
            new RecordingTransport(masterEnd, log), new RecordingDirectionSwitch(log), TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(4), log.Sleep);
        slaveEnd.Disconnect();

        Assert.Throws<ModbusTransportException>(() => transport.Write(Request));

        // No write completed, so no delay after it; but the driver is off again, or this station would jam the bus.
        Assert.Equal(["transmit", "sleep 1ms", "receive"], log.Events);
    }

    [Fact]
    public void The_master_listens_for_the_answer_only_after_the_bus_is_released()
    {
        var log = new Rs485EventLog();
        var (masterEnd, slaveEnd) = InMemoryTransportPair.Create("rs485");
        var memory = new ModbusSlaveMemory(registers: 10, bits: 10);
        memory.SetRegisters(ModbusTable.HoldingRegister, 0, [42, 43]);
        var server = new ModbusSlaveServer(slaveEnd, new ModbusRtuFramer(), new Dictionary<byte, IModbusSlaveDevice> { [1] = memory }, new ModbusSlaveServerOptions());
        using var stop = new CancellationTokenSource();
        var slave = new Thread(() => server.Run(stop.Token)) { IsBackground = true, Name = "rs485 test slave" };
        slave.Start();
        var transport = new Rs485DirectionSwitchingTransport(
            new RecordingTransport(masterEnd, log), new RecordingDirectionSwitch(log), TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2), log.Sleep);
        using var master = ModbusConnectionFactory.CreateMaster(
            ModbusEndpoint.Parse("/dev/ttyRS485-test"), transport, new ModbusMasterOptions { Timeout = TimeSpan.FromSeconds(2), Retries = 0, FrameSilence = TimeSpan.FromMilliseconds(1) });
        var registers = new ushort[2];

        master.ReadRegisters(1, ModbusTable.HoldingRegister, 0, 2, registers).ThrowIfFailed();
        master.ReadRegisters(1, ModbusTable.HoldingRegister, 1, 1, registers.AsSpan(0, 1)).ThrowIfFailed();
        stop.Cancel();
        Assert.True(slave.Join(TimeSpan.FromSeconds(5)));

        Assert.Equal([43, 43], registers);
        Assert.Equal(
            ["transmit", "sleep 1ms", "write 8 bytes", "sleep 2ms", "receive", "transmit", "sleep 1ms", "write 8 bytes", "sleep 2ms", "receive"],
            log.Sending);
        var events = log.Events.ToList();
        for (var index = 0; index < events.Count; index++)
        {
            if (events[index] == "transmit")
            {
                // From transmit to receive the master only writes: no read can take the bus back early.
                var released = events.IndexOf("receive", index);
                Assert.DoesNotContain("read", events.Skip(index).Take(released - index));
                Assert.Equal("read", events[released + 1]);
            }
        }
    }
}
