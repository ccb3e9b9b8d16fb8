using System.CommandLine;

namespace EdgeGateway.Cli.Commands.Modbus;

/// <summary><c>egw modbus</c>: bus diagnostics that open the port directly (use them with the service stopped).</summary>
internal static class ModbusCommand
{
    public static Command Create(CliConsole console) => new("modbus", "Talk to analyzers on a bus directly: read, write, scan")
    {
        ModbusReadCommand.Create(console),
        ModbusWriteCommand.Create(console),
        ModbusScanCommand.Create(console),
    };
}
