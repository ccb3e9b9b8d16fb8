using System.CommandLine;

namespace EdgeGateway.Cli.Commands.Hj212;

/// <summary>
/// <c>egw hj212 check PACKET</c> (or <c>-</c> for one packet per line on stdin): verifies length and CRC and prints
/// the decoded fields; exit 1 when any packet is bad, with the reason (length says 101, data has 99 bytes; CRC 1C80
/// expected, 1C08 found).
/// </summary>
internal static class Hj212CheckCommand
{
    public static Command Create(CliConsole console)
    {
        var packet = new Argument<string>("packet") { Description = "A packet such as ##0101QN=...&&1C80, or - to read one packet per line from standard input" };
        var json = new Option<bool>("--json") { Description = "Print JSON (an object for one packet, an array for several)" };
        var command = new Command("check", "Verify an HJ 212 packet's length and CRC and show its fields") { packet, json };
        command.SetAction(parse =>
        {
            var text = parse.GetValue(packet)!;
            var packets = text == "-" ? ReadLines(console.Input) : [text];
            var reports = packets.Select(packetText => Hj212PacketReport.Check(packetText)).ToList();
            if (parse.GetValue(json))
            {
                console.Out.WriteLine(reports.Count == 1 && text != "-"
                    ? reports[0].ToJson()
                    : "[" + string.Join(",\n", reports.Select(report => report.ToJson())) + "]");
            }
            else
            {
                for (var i = 0; i < reports.Count; i++)
                {
                    if (i > 0)
                    {
                        console.Out.WriteLine();
                    }

                    foreach (var line in reports[i].ToLines())
                    {
                        console.Out.WriteLine(line);
                    }
                }
            }

            if (reports.Count == 0)
            {
                console.Error.WriteLine("egw: no packet on standard input");
                return ExitCodes.Usage;
            }

            return reports.All(report => report.Valid) ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    private static List<string> ReadLines(TextReader input)
    {
        var lines = new List<string>();
        while (input.ReadLine() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                lines.Add(line.Trim());
            }
        }

        return lines;
    }
}
