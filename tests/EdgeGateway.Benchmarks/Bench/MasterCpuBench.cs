using System.Diagnostics;
using System.Globalization;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Benchmarks.Bench;

/// <summary>
/// CPU time our master spends per transaction (FC 03, 10 registers), with the slave in a child process so that only
/// the master's side is counted: over loopback Modbus TCP and RTU over TCP, and over RTU on a pty pair with our termios
/// transport.
/// </summary>
internal static class MasterCpuBench
{
    public static int Run(string[] args, TextWriter output)
    {
        var index = Array.IndexOf(args, "--transactions");
        var transactions = index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : 20000;
        output.WriteLine($"master CPU per transaction: FC03 of 10 registers, {transactions} transactions after 2000 warm-up, slave in a child process; {Environment.ProcessorCount} cores");
        output.WriteLine("| line | transactions/s | wall µs per transaction | CPU µs per transaction (master process) | failures |");
        output.WriteLine("|---|---:|---:|---:|---:|");

        using (var child = Start("serve-tcp", [], out var ready))
        {
            var port = int.Parse(ready.Split(' ')[1], CultureInfo.InvariantCulture);
            using var master = ModbusConnectionFactory.CreateMaster(ModbusEndpoint.Parse($"tcp://127.0.0.1:{port}"), new ModbusMasterOptions());
            Measure("Modbus TCP, loopback", master, transactions, output);
        }

        using (var child = Start("serve-tcp", ["--rtu"], out var ready))
        {
            var port = int.Parse(ready.Split(' ')[1], CultureInfo.InvariantCulture);
            using var master = ModbusConnectionFactory.CreateMaster(ModbusEndpoint.Parse($"rtu+tcp://127.0.0.1:{port}"), new ModbusMasterOptions());
            Measure("RTU over TCP, loopback", master, transactions, output);
        }

        using (var line = SocatLine.Start())
        using (Start("serve-rtu", [line.SlaveEnd], out _))
        {
            using var master = ModbusConnectionFactory.CreateMaster(ModbusEndpoint.Parse(line.MasterEnd), new ModbusMasterOptions(), new SerialSettings(line.MasterEnd, 115200));
            Measure("RTU on a pty (115200 baud timing: t3.5 = 1.75 ms)", master, Math.Min(transactions, 2000), output);
        }

        return 0;
    }

    private static void Measure(string name, ModbusMaster master, int transactions, TextWriter output)
    {
        var registers = new ushort[10];
        var failures = 0;
        for (var i = 0; i < Math.Min(2000, transactions); i++)
        {
            failures += master.ReadRegisters(1, ModbusTable.HoldingRegister, 0, 10, registers).IsSuccess ? 0 : 1;
        }

        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < transactions; i++)
        {
            failures += master.ReadRegisters(1, ModbusTable.HoldingRegister, 0, 10, registers).IsSuccess ? 0 : 1;
        }

        wall.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {transactions / wall.Elapsed.TotalSeconds:0} | {wall.Elapsed.TotalMicroseconds / transactions:0.0} | {cpu.TotalMicroseconds / transactions:0.0} | {failures} |"));
    }

    private static Process Start(string mode, string[] args, out string ready)
    {
        var child = Process.Start(SelfCommand.StartInfo([mode, .. args]))!;
        ready = child.StandardOutput.ReadLine() ?? string.Empty;
        if (!ready.StartsWith("READY", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the {mode} child did not start");
        }

        return child;
    }
}
