using System.CommandLine;

namespace EdgeGateway.Cli.Commands.Modbus;

/// <summary>
/// <c>egw modbus</c>: bus diagnostics. When the running gateway serves the port, requests go through its bus queue
/// (between its polls, audited if they write); otherwise, or with <c>--direct</c>, egw opens the port itself.
/// </summary>
internal static class ModbusCommand
{
    public static Command Create(CliConsole console) => new("modbus", "Talk to analyzers on a bus: read, write, scan (through the running gateway when it serves the port, else directly)")
    {
        ModbusReadCommand.Create(console),
        ModbusWriteCommand.Create(console),
        ModbusScanCommand.Create(console),
    };
}
