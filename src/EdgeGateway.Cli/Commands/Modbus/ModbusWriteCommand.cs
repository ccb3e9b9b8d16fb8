using System.CommandLine;
using System.Globalization;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Values;

namespace EdgeGateway.Cli.Commands.Modbus;

/// <summary><c>egw modbus write</c>: writes one value to a holding register (FC 06/16) or a coil (FC 05).</summary>
internal static class ModbusWriteCommand
{
    public static Command Create(CliConsole console)
    {
        var bus = new BusOptions();
        var slave = new Option<int>("--slave", "-s") { Description = "Slave id (1-247; 0 broadcasts without an answer, never through the running gateway)", DefaultValueFactory = _ => 1 };
        var table = new Option<string>("--table") { Description = "holding or coil", DefaultValueFactory = _ => "holding" };
        var address = new Option<int>("--address", "-a") { Description = "Protocol address, 0-based", Required = true };
        var value = new Option<string>("--value", "-v") { Description = "The value: a number, or 0/1/on/off for a coil", Required = true };
        var type = new Option<string>("--type") { Description = "How to encode the value into registers", DefaultValueFactory = _ => "u16" };
        var order = new Option<string>("--order") { Description = "Byte order of multi-register values", DefaultValueFactory = _ => "ABCD" };
        table.AcceptOnlyFromAmong("holding", "coil");
        type.AcceptOnlyFromAmong("u16", "i16", "u32", "i32", "f32", "u64", "i64", "f64");
        order.AcceptOnlyFromAmong("ABCD", "BADC", "CDAB", "DCBA");

        var command = new Command("write", "Write one value to a holding register or a coil (through the running gateway, the write goes to its audit trail)");
        bus.AddTo(command);
        command.Options.Add(slave);
        command.Options.Add(table);
        command.Options.Add(address);
        command.Options.Add(value);
        command.Options.Add(type);
        command.Options.Add(order);
        command.SetAction(parse => CommandRunner.Run(console, asJson: false, () =>
        {
            var unit = (byte)parse.GetValue(slave);
            var at = (ushort)parse.GetValue(address);
            var text = parse.GetValue(value)!;
            ModbusResult result;
            using var connection = bus.Connect(parse, console);
            var exchange = connection.Exchange;
            if (parse.GetValue(table) == "coil")
            {
                var on = text.ToLowerInvariant() switch
                {
                    "1" or "on" or "true" => true,
                    "0" or "off" or "false" => false,
                    _ => throw new CommandException(ExitCodes.Usage, $"'{text}' is not a coil value; use 0, 1, on or off", "usage"),
                };
                result = exchange.WriteSingleCoil(unit, at, on, bus.Call(parse));
            }
            else
            {
                var dataType = Enum.Parse<ModbusDataType>(parse.GetValue(type)!, ignoreCase: true);
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    throw new CommandException(ExitCodes.Usage, $"'{text}' is not a number", "usage");
                }

                var registers = new ushort[ModbusValueCodec.RegisterCount(dataType)];
                try
                {
                    ModbusValueCodec.Encode(number, dataType, Enum.Parse<ModbusByteOrder>(parse.GetValue(order)!), registers);
                }
                catch (OverflowException)
                {
                    throw new CommandException(ExitCodes.Usage, $"{text} does not fit a {dataType.ToString().ToLowerInvariant()}", "usage");
                }

                result = registers.Length == 1
                    ? exchange.WriteSingleRegister(unit, at, registers[0], bus.Call(parse))
                    : exchange.WriteMultipleRegisters(unit, at, registers, bus.Call(parse));
            }

            if (!result.IsSuccess)
            {
                throw new CommandException(ExitCodes.Failed, result.Detail, result.Error.ToString().ToLowerInvariant());
            }

            console.Out.WriteLine($"wrote {text} to {parse.GetValue(table)} {at} of slave {unit}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
