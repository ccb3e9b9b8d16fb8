using System.CommandLine;
using System.Text.Json;
using EdgeGateway.Cli.Output;
using EdgeGateway.Cli.Parsing;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Protocol;

namespace EdgeGateway.Cli.Commands.Modbus;

/// <summary>
/// <c>egw modbus scan</c>: asks each slave id for one register and lists those that answer. An exception answer
/// counts: the device is there, it only has no register at the probe address. Exceptions 0A and 0B do not: they are
/// a Modbus gateway (a TCP-to-RS-485 server) answering for a slave id it could not reach, so no device is behind them.
/// On a terminal, the probe's progress is shown on stderr (a scan of 1-247 takes about a minute at 200 ms).
/// </summary>
internal static class ModbusScanCommand
{
    public static Command Create(CliConsole console)
    {
        var bus = new BusOptions();
        bus.Timeout.DefaultValueFactory = _ => "200ms";
        bus.Retries.DefaultValueFactory = _ => 0;
        var slaves = new Option<string>("--slaves") { Description = "Slave ids to probe: 1-247, or a list such as 1,2,10-20", DefaultValueFactory = _ => "1-247" };
        var table = new Option<string>("--table") { Description = "Table of the probe read", DefaultValueFactory = _ => "holding" };
        var address = new Option<int>("--address", "-a") { Description = "Address of the probe read", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print a JSON document instead of lines" };
        table.AcceptOnlyFromAmong([.. TableNames.All]);
        slaves.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && !RangeParser.TryParse(r.Tokens.Count > 0 ? r.Tokens[0].Value : null, 1, 247, out _))
            {
                r.AddError("--slaves takes ids from 1 to 247, e.g. 1-247 or 1,2,10-20");
            }
        });

        var command = new Command("scan", "List the slave ids that answer on a bus. Exceptions 0A/0B (a gateway saying nothing answered behind it) are not a device");
        bus.AddTo(command);
        command.Options.Add(slaves);
        command.Options.Add(table);
        command.Options.Add(address);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var asJson = parse.GetValue(json);
            RangeParser.TryParse(parse.GetValue(slaves), 1, 247, out var ids);
            var probeTable = TableNames.Parse(parse.GetValue(table)!);
            var probeAddress = (ushort)parse.GetValue(address);
            return CommandRunner.Run(console, asJson, () =>
            {
                using var connection = bus.Connect(parse, console);
                var found = new List<ModbusScanEntry>();
                var absentBehindGateway = new List<int>();
                var registers = new ushort[1];
                var bits = new bool[1];
                var progress = new ScanProgress(console, ids.Count, show: console.ErrorIsTerminal && !asJson);
                foreach (var id in ids)
                {
                    progress.Probing(id, found.Count);
                    var result = TableNames.IsBitTable(probeTable)
                        ? connection.Exchange.ReadBits((byte)id, probeTable, probeAddress, 1, bits, bus.Call(parse))
                        : connection.Exchange.ReadRegisters((byte)id, probeTable, probeAddress, 1, registers, bus.Call(parse));
                    if (result.Error == ModbusErrorKind.Transport)
                    {
                        progress.Clear();
                        throw new CommandException(ExitCodes.Unavailable, result.Detail!, "unavailable");
                    }

                    // 0A/0B come from a gateway, not from the slave id probed: a serial server answers them for every id nobody
                    // has on its RS-485 side.
                    if (result.IsAbsentBehindGateway)
                    {
                        absentBehindGateway.Add(id);
                    }
                    else if (result.IsSuccess || result.Error == ModbusErrorKind.Exception)
                    {
                        var answer = result.IsSuccess ? "data" : $"exception {(byte)result.ExceptionCode:X2} ({ModbusExceptionCodeText.Describe(result.ExceptionCode)})";
                        found.Add(new ModbusScanEntry(id, answer));
                        if (!asJson)
                        {
                            progress.Clear();
                            console.Out.WriteLine($"slave {id}: answers with {answer}");
                        }
                    }
                }

                progress.Clear();
                if (absentBehindGateway.Count > 0 && !asJson)
                {
                    console.Error.WriteLine($"egw: {absentBehindGateway.Count} slave id(s) got exception 0A/0B from a gateway (no device answered behind it), not listed: {RangeParser.Format(absentBehindGateway)}");
                }

                if (asJson)
                {
                    console.Out.WriteLine(JsonSerializer.Serialize(new ModbusScanReport(bus.Endpoint(parse).ToString(), ids.Count, found, connection.Via, absentBehindGateway), CliJsonContext.Default.ModbusScanReport));
                }
                else if (found.Count == 0)
                {
                    console.Error.WriteLine($"egw: no slave answered among {ids.Count} probed");
                }

                return found.Count > 0 ? ExitCodes.Ok : ExitCodes.Failed;
            });
        });
        return command;
    }
}
