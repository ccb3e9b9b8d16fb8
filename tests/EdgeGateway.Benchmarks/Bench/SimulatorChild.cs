using System.Net;
using System.Net.Sockets;
using EdgeGateway.Modbus.Framing;
using EdgeGateway.Modbus.Slave;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Benchmarks.Bench;

/// <summary>
/// The slave side of the process benchmarks, run as a separate process so that its CPU time is not counted as the
/// gateway's: serves slaves 1 and 2 on each serial path given, until killed.
/// </summary>
internal static class SimulatorChild
{
    public static int ServeRtu(string[] paths)
    {
        using var stop = new CancellationTokenSource();
        var units = new Dictionary<byte, IModbusSlaveDevice> { [1] = new ModbusSlaveMemory(), [2] = new ModbusSlaveMemory() };
        var threads = new List<Thread>();
        foreach (var path in paths)
        {
            var transport = new PosixSerialTransport(new SerialSettings(path));
            var server = new ModbusSlaveServer(transport, new ModbusRtuFramer(), units);
            var thread = new Thread(() => server.Run(stop.Token)) { IsBackground = true };
            thread.Start();
            threads.Add(thread);
        }

        Console.WriteLine("READY");
        Console.Out.Flush();

        // The parent ends us by closing our stdin (or killing us).
        Console.In.ReadToEnd();
        stop.Cancel();
        threads.ForEach(thread => thread.Join(TimeSpan.FromSeconds(2)));
        return 0;
    }

    /// <summary>
    /// Serves slave 1 over Modbus TCP (with <c>--rtu</c>: RTU frames over TCP, as a serial-device server passes them)
    /// on a loopback port it picks and prints ("READY port").
    /// </summary>
    public static int ServeTcp(string[] args)
    {
        var rtuFrames = args.Contains("--rtu");
        using var stop = new CancellationTokenSource();
        var units = new Dictionary<byte, IModbusSlaveDevice> { [1] = new ModbusSlaveMemory() };
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var acceptor = new Thread(() =>
        {
            try
            {
                while (true)
                {
                    var connection = TcpTransport.FromAccepted(listener.AcceptSocket());
                    IModbusFramer framer = rtuFrames ? new ModbusRtuFramer() : new ModbusTcpFramer();
                    var server = new ModbusSlaveServer(connection, framer, units);
                    new Thread(() => server.Run(stop.Token)) { IsBackground = true }.Start();
                }
            }
            catch (SocketException)
            {
                // The listener was stopped.
            }
        })
        { IsBackground = true };
        acceptor.Start();
        Console.WriteLine($"READY {((IPEndPoint)listener.LocalEndpoint).Port}");
        Console.Out.Flush();
        Console.In.ReadToEnd();
        stop.Cancel();
        listener.Stop();
        return 0;
    }
}
