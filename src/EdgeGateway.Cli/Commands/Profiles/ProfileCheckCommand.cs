using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeGateway.Cli.Output;
using EdgeGateway.FieldBus.Planning;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Cli.Commands.Profiles;

/// <summary>
/// <c>egw profile check FILE...</c>: validates profiles (every error at once, with file and channel) and prints the
/// read plan of each valid one with its bus time on an RTU line.
/// </summary>
internal static class ProfileCheckCommand
{
    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("file") { Description = "Profile files (.json) or directories of them", Arity = ArgumentArity.OneOrMore };
        var baud = new Option<int>("--baud", "-b") { Description = "Baud rate for the bus-time estimate", DefaultValueFactory = _ => 9600 };
        var parity = new Option<string>("--parity") { Description = "Parity for the bus-time estimate", DefaultValueFactory = _ => "none" };
        var strategy = new Option<string>("--strategy") { Description = "Planning strategy: gap (ours: merge across small gaps), contiguous (merge touching values only), per-channel (one request each)", DefaultValueFactory = _ => "gap" };
        var json = new Option<bool>("--json") { Description = "Print a JSON document instead of text" };
        parity.AcceptOnlyFromAmong("none", "even", "odd");
        strategy.AcceptOnlyFromAmong("gap", "contiguous", "per-channel");
        baud.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() <= 0)
            {
                r.AddError("--baud must be positive");
            }
        });

        var command = new Command("check", "Validate profiles and print their read plans") { files, baud, parity, strategy, json };
        command.SetAction(parse =>
        {
            var asJson = parse.GetValue(json);
            return CommandRunner.Run(console, asJson, () =>
            {
                var line = new SerialSettings("estimate", parse.GetValue(baud), parse.GetValue(parity) switch { "even" => SerialParity.Even, "odd" => SerialParity.Odd, _ => SerialParity.None });
                var chosen = parse.GetValue(strategy) switch
                {
                    "contiguous" => PlanningStrategy.ContiguousOnly,
                    "per-channel" => PlanningStrategy.OnePerChannel,
                    _ => PlanningStrategy.GapMerging,
                };
                var reports = new List<ProfileCheckReport>();
                foreach (var path in Expand(parse.GetValue(files)!))
                {
                    reports.Add(Check(path, line, chosen));
                }

                if (asJson)
                {
                    console.Out.WriteLine(JsonSerializer.Serialize(reports, CliJsonContext.Default.ListProfileCheckReport));
                }
                else
                {
                    foreach (var report in reports)
                    {
                        PrintText(console, report);
                    }
                }

                return reports.All(report => report.Valid) ? ExitCodes.Ok : ExitCodes.Failed;
            });
        });
        return command;
    }

    private static IEnumerable<string> Expand(string[] paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*.json").Where(file => !file.EndsWith(".schema.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    private static ProfileCheckReport Check(string path, SerialSettings line, PlanningStrategy strategy)
    {
        if (!File.Exists(path))
        {
            return new ProfileCheckReport(path, false, [$"{path}: no such file"], null, 0, 0, null, [], null);
        }

        if (!DeviceProfileLoader.TryLoadFile(path, out var profile, out var errors))
        {
            return new ProfileCheckReport(path, false, [.. errors.Select(error => error.ToString())], null, 0, 0, null, [], null);
        }

        var plan = ReadPlanner.Plan(RegisterSpan.AllOf(profile), ReadPlanLimits.From(profile.Defaults), strategy);
        var estimator = BusTimeEstimator.For(line);
        var time = estimator.Estimate(plan);
        var requests = time.PerRequest.Select(cost => new PlannedRequestReport(
            (int)cost.Request.FunctionCode,
            TableName(cost.Request),
            cost.Request.Address,
            cost.Request.Count,
            [.. cost.Request.Items.Select(item => item.Owner)],
            cost.WireBytes,
            Math.Round(cost.BusTime.TotalMilliseconds, 1))).ToList();
        return new ProfileCheckReport(
            path,
            true,
            [],
            profile.Model,
            profile.Channels.Count,
            profile.Status.Count,
            plan.Summary,
            requests,
            new BusTimeReport(line.LineDescription, time.Requests, time.WireBytes, Math.Round(time.BusTime.TotalMilliseconds, 1)));
    }

    private static void PrintText(CliConsole console, ProfileCheckReport report)
    {
        if (!report.Valid)
        {
            console.Error.WriteLine($"{report.File}: invalid ({report.Errors.Count} {(report.Errors.Count == 1 ? "error" : "errors")})");
            foreach (var error in report.Errors)
            {
                console.Error.WriteLine($"  {error}");
            }

            return;
        }

        var output = console.Out;
        output.WriteLine($"{report.File}: valid profile '{report.Model}', {report.Channels} channels, {report.StatusWords} status words");
        output.WriteLine($"  plan: {report.Plan}");
        foreach (var request in report.Requests)
        {
            var last = request.Address + request.Count - 1;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    FC{request.Function:D2} {request.Table} {request.Address}-{last} ({request.Count}): {string.Join(", ", request.Items)}"));
        }

        var bus = report.BusTime!;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  bus time per cycle at {bus.Line}: {bus.Milliseconds:0.0} ms ({bus.Requests} requests, {bus.WireBytes} bytes on the wire)"));
    }

    private static string TableName(ReadRequest request) => request.Table switch
    {
        EdgeGateway.Modbus.Protocol.ModbusTable.Coil => "coil",
        EdgeGateway.Modbus.Protocol.ModbusTable.DiscreteInput => "discrete",
        EdgeGateway.Modbus.Protocol.ModbusTable.InputRegister => "input",
        _ => "holding",
    };
}
