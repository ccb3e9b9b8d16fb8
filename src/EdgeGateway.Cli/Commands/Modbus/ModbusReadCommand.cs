using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeGateway.Cli.Output;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Protocol;
using EdgeGateway.Modbus.Values;

namespace EdgeGateway.Cli.Commands.Modbus;

/// <summary><c>egw modbus read</c>: reads registers or bits from one slave and prints one line per value.</summary>
internal static class ModbusReadCommand
{
    public static Command Create(CliConsole console)
    {
        var bus = new BusOptions();
        var slave = new Option<int>("--slave", "-s") { Description = "Slave id (1-247)", DefaultValueFactory = _ => 1 };
        var table = new Option<string>("--table") { Description = "Table to read", DefaultValueFactory = _ => "holding" };
        var address = new Option<int>("--address", "-a") { Description = "First protocol address, 0-based (register 40001 is holding address 0)", Required = true };
        var count = new Option<int>("--count", "-c") { Description = "How many values (of --type) to read", DefaultValueFactory = _ => 1 };
        var type = new Option<string>("--type") { Description = "How to decode registers", DefaultValueFactory = _ => "u16" };
        var order = new Option<string>("--order") { Description = "Byte order of multi-register values: ABCD (big-endian), CDAB (word swap), BADC (byte swap), DCBA (little-endian)", DefaultValueFactory = _ => "ABCD" };
        var json = new Option<bool>("--json") { Description = "Print a JSON document instead of lines" };
        table.AcceptOnlyFromAmong([.. TableNames.All]);
        type.AcceptOnlyFromAmong("u16", "i16", "u32", "i32", "f32", "u64", "i64", "f64");
        order.AcceptOnlyFromAmong("ABCD", "BADC", "CDAB", "DCBA");
        slave.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 255)
            {
                r.AddError("--slave must be 0 to 255");
            }
        });
        address.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                r.AddError("--address must be 0 to 65535 (a 0-based protocol address)");
            }
        });
        count.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 2000)
            {
                r.AddError("--count must be 1 to 2000");
            }
        });

        var command = new Command("read", "Read registers or bits from a slave and print one 'address value' line per value");
        bus.AddTo(command);
        command.Options.Add(slave);
        command.Options.Add(table);
        command.Options.Add(address);
        command.Options.Add(count);
        command.Options.Add(type);
        command.Options.Add(order);
        command.Options.Add(json);
        command.Validators.Add(result =>
        {
            // A coil or a discrete input is one bit: --type and --order decode registers, so given with a bit table
            // they would be ignored, and a technician would read bits believing they were a float.
            if (result.GetValue(table) is { } tableName && TableNames.All.Contains(tableName) && TableNames.IsBitTable(TableNames.Parse(tableName)))
            {
                foreach (var decoding in new Option[] { type, order })
                {
                    if (result.GetResult(decoding) is { Implicit: false })
                    {
                        result.AddError($"{decoding.Name} decodes registers; --table {tableName} is bits (one 0/1 per address): leave {decoding.Name} out, or read --table holding/input");
                    }
                }
            }
        });
        command.SetAction(parse =>
        {
            var request = new ReadRequest(
                (byte)parse.GetValue(slave),
                TableNames.Parse(parse.GetValue(table)!),
                parse.GetValue(address),
                parse.GetValue(count),
                Enum.Parse<ModbusDataType>(parse.GetValue(type)!, ignoreCase: true),
                Enum.Parse<ModbusByteOrder>(parse.GetValue(order)!));
            var asJson = parse.GetValue(json);
            return CommandRunner.Run(console, asJson, () =>
            {
                using var connection = bus.Connect(parse, console);
                var values = Read(connection.Exchange, request, bus.Call(parse));
                Print(console, asJson, bus.Endpoint(parse).ToString(), connection.Via, request, values);
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static List<ModbusValueReport> Read(IModbusExchange bus, ReadRequest request, ModbusCallOptions call)
    {
        var isBits = TableNames.IsBitTable(request.Table);
        var width = isBits ? 1 : ModbusValueCodec.RegisterCount(request.Type);
        var total = request.Count * width;
        if (request.Address + total > 65536)
        {
            throw new CommandException(ExitCodes.Usage, $"address {request.Address} + {total} {(isBits ? "bits" : "registers")} runs past 65535");
        }

        // Large reads are split into requests the specification allows, never inside a value.
        var perRequest = isBits ? ModbusLimits.MaxReadBits : ModbusLimits.MaxReadRegisters / width * width;
        var values = new List<ModbusValueReport>(request.Count);
        for (var offset = 0; offset < total; offset += perRequest)
        {
            var chunk = Math.Min(perRequest, total - offset);
            var first = (ushort)(request.Address + offset);
            ModbusResult result;
            if (isBits)
            {
                var bits = new bool[chunk];
                result = bus.ReadBits(request.Slave, request.Table, first, (ushort)chunk, bits, call);
                ThrowOnFailure(result);
                for (var i = 0; i < chunk; i++)
                {
                    values.Add(new ModbusValueReport(first + i, bits[i] ? 1 : 0, bits[i] ? "1" : "0", []));
                }
            }
            else
            {
                var registers = new ushort[chunk];
                result = bus.ReadRegisters(request.Slave, request.Table, first, (ushort)chunk, registers, call);
                ThrowOnFailure(result);
                for (var i = 0; i < chunk; i += width)
                {
                    var raw = registers.AsSpan(i, width);
                    var number = ModbusValueCodec.Decode(raw, request.Type, request.Order);
                    var text = ModbusValueCodec.Format(raw, request.Type, request.Order);
                    values.Add(new ModbusValueReport(first + i, double.IsFinite(number) ? number : null, text, raw.ToArray()));
                }
            }
        }

        return values;
    }

    private static void ThrowOnFailure(ModbusResult result)
    {
        if (!result.IsSuccess)
        {
            throw new CommandException(ExitCodes.Failed, result.Detail, result.Error.ToString().ToLowerInvariant());
        }
    }

    private static void Print(CliConsole console, bool asJson, string port, string via, ReadRequest request, List<ModbusValueReport> values)
    {
        if (asJson)
        {
            var report = new ModbusReadReport(
                port,
                request.Slave,
                TableNames.All[request.Table switch { ModbusTable.HoldingRegister => 0, ModbusTable.InputRegister => 1, ModbusTable.Coil => 2, _ => 3 }],
                TableNames.IsBitTable(request.Table) ? "bool" : request.Type.ToString().ToLowerInvariant(),
                request.Order.ToString(),
                values,
                via);
            console.Out.WriteLine(JsonSerializer.Serialize(report, CliJsonContext.Default.ModbusReadReport));
            return;
        }

        foreach (var value in values)
        {
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{value.Address} {value.Text}"));
        }
    }

    private sealed record ReadRequest(byte Slave, ModbusTable Table, int Address, int Count, ModbusDataType Type, ModbusByteOrder Order);
}
