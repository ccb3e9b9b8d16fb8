using System.Net.Sockets;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Interop.Tests.Peers;

/// <summary>
/// Proves the peer harness itself: a pymodbus slave filled from C# serves over TCP and over a socat pty, and an
/// independent master (mbpoll) reads back exactly what was set, in all four tables.
/// </summary>
public sealed class PeerHarnessTests
{
    private static readonly PymodbusSlaveOptions Tables = new()
    {
        UnitIds = [1, 7],
        HoldingRegisters = [1, 2, 3, 65535, 0x1234],
        InputRegisters = [10, 20, 30],
        Coils = [true, false, true, true],
        DiscreteInputs = [false, true, false, true],
    };

    [Fact]
    public void Pymodbus_serves_all_four_tables_over_tcp_to_mbpoll()
    {
        PeerRequirements.RequireMbpoll();
        int port = FreeTcpPort.Next();
        using var slave = PymodbusSlave.StartTcp(port, Tables);

        AssertValues(["1", "2", "3", "65535", "4660"], Mbpoll.ReadTcp(port, 1, MbpollTable.HoldingRegisters, 1, 5), slave);
        AssertValues(["10", "20", "30"], Mbpoll.ReadTcp(port, 1, MbpollTable.InputRegisters, 1, 3), slave);
        AssertValues(["1", "0", "1", "1"], Mbpoll.ReadTcp(port, 1, MbpollTable.Coils, 1, 4), slave);
        AssertValues(["0", "1", "0", "1"], Mbpoll.ReadTcp(port, 1, MbpollTable.DiscreteInputs, 1, 4), slave);
        // The second unit id serves its own copy; reference 4 is address 3 (zero_mode: no shift).
        AssertValues(["65535", "4660"], Mbpoll.ReadTcp(port, 7, MbpollTable.HoldingRegisters, 4, 2), slave);
    }

    [Fact]
    public void Pymodbus_serves_all_four_tables_over_a_pty_to_mbpoll()
    {
        PeerRequirements.RequireMbpoll();
        using var line = SocatPtyPair.Start();
        using var slave = PymodbusSlave.StartRtu(line.PathA, Tables);

        AssertValues(["1", "2", "3", "65535"], Mbpoll.ReadRtu(line.PathB, 1, MbpollTable.HoldingRegisters, 1, 4), slave);
        AssertValues(["10", "20", "30"], Mbpoll.ReadRtu(line.PathB, 1, MbpollTable.InputRegisters, 1, 3), slave);
        AssertValues(["1", "0", "1", "1"], Mbpoll.ReadRtu(line.PathB, 1, MbpollTable.Coils, 1, 4), slave);
        AssertValues(["0", "1", "0", "1"], Mbpoll.ReadRtu(line.PathB, 7, MbpollTable.DiscreteInputs, 1, 4), slave);
    }

    [Fact]
    public void Pymodbus_serves_rtu_with_even_parity_settings()
    {
        PeerRequirements.RequireMbpoll();
        using var line = SocatPtyPair.Start();
        using var slave = PymodbusSlave.StartRtu(line.PathA, Tables with { BaudRate = 19200, Parity = SerialParity.Even });

        AssertValues(["10", "20"], Mbpoll.ReadRtu(line.PathB, 7, MbpollTable.InputRegisters, 1, 2, baudRate: 19200, parity: "even"), slave);
    }

    [Fact]
    public void Mbpoll_run_polls_once_even_without_dash_one()
    {
        PeerRequirements.RequireMbpoll();
        int port = FreeTcpPort.Next();
        using var slave = PymodbusSlave.StartTcp(port, Tables);

        MbpollResult result = Mbpoll.Run(Mbpoll.DefaultTimeout, "-m", "tcp", "-a", "1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", "4", "-r", "2", "-c", "2", "127.0.0.1");

        AssertValues(["2", "3"], result, slave);
        Assert.Equal(2, result.Readings.Count);
    }

    [Fact]
    public void A_unit_id_that_is_not_served_gets_no_answer()
    {
        PeerRequirements.RequireMbpoll();
        int port = FreeTcpPort.Next();
        using var slave = PymodbusSlave.StartTcp(port, Tables);

        MbpollResult result = Mbpoll.ReadTcp(port, 9, MbpollTable.HoldingRegisters, 1, 1);

        Assert.False(result.Succeeded, result.ToString());
        Assert.Empty(result.Readings);
    }

    [Fact]
    public void A_pymodbus_slave_on_a_taken_port_fails_with_its_traceback()
    {
        PeerRequirements.RequirePymodbus();
        var blocker = new TcpListener(System.Net.IPAddress.Loopback, 0);
        blocker.Start();
        try
        {
            int port = ((System.Net.IPEndPoint)blocker.LocalEndpoint).Port;

            var exception = Assert.Throws<InvalidOperationException>(() => PymodbusSlave.StartTcp(port, Tables));

            Assert.Contains($"tcp://127.0.0.1:{port}", exception.Message, StringComparison.Ordinal);
            Assert.Contains("address already in use", exception.Message, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            blocker.Stop();
        }
    }

    [Fact]
    public void Socat_pair_carries_bytes_and_kill_hangs_it_up()
    {
        using var line = SocatPtyPair.Start();
        using var a = new PosixSerialTransport(new SerialSettings(line.PathA));
        using var b = new PosixSerialTransport(new SerialSettings(line.PathB));
        a.Open();
        b.Open();

        a.Write([0x01, 0x02, 0x03]);
        var buffer = new byte[8];
        int count = 0;
        for (int attempt = 0; attempt < 20 && count < 3; attempt++)
        {
            count += b.Read(buffer.AsSpan(count), TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(new byte[] { 1, 2, 3 }, buffer[..count]);
        line.Kill();
        Assert.False(line.IsRunning);
        Assert.Throws<ModbusTransportException>(() => b.Read(buffer, TimeSpan.FromSeconds(2)));
        Assert.False(b.IsOpen);
    }

    [Fact]
    public void Mbpoll_output_lines_are_parsed()
    {
        IReadOnlyList<MbpollReading> readings = Mbpoll.Parse(["-- Polling slave 1...", "[1]: \t1", "[4]: \t65535 (-1)", "[12]: \t3.14"]);

        Assert.Equal(
            [new MbpollReading(1, "1", "1"), new MbpollReading(4, "65535", "65535 (-1)"), new MbpollReading(12, "3.14", "3.14")],
            readings);
    }

    [Fact]
    public void Free_tcp_ports_are_bindable()
    {
        int port = FreeTcpPort.Next();
        var listener = new TcpListener(System.Net.IPAddress.Loopback, port);

        listener.Start();
        listener.Stop();

        Assert.InRange(port, 1024, 65535);
    }

    private static void AssertValues(string[] expected, MbpollResult result, PymodbusSlave slave)
    {
        Assert.True(result.Succeeded, $"{result}; {slave} stderr: {slave.ErrorOutput}");
        Assert.Equal(expected, result.Values);
    }
}
