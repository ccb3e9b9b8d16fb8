using System.CommandLine;
using System.Reflection;
using EdgeGateway.Cli.Commands.Config;
using EdgeGateway.Cli.Commands.Hj212;
using EdgeGateway.Cli.Commands.Modbus;
using EdgeGateway.Cli.Commands.Profiles;
using EdgeGateway.Cli.Commands.Simulate;
using EdgeGateway.Cli.Commands.SimulatePlatform;
using EdgeGateway.Cli.Commands.Status;
using EdgeGateway.Cli.Commands.Technician;

namespace EdgeGateway.Cli;

/// <summary>The <c>egw</c> command tree. Takes its writers as arguments so tests run it in-process.</summary>
internal static class EgwApp
{
    public static string Version =>
        typeof(EgwApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static RootCommand Build(CliConsole console) => new("egw — the EdgeGateway technician's tool: gateway status, bus diagnostics, profiles, HJ 212 packets")
    {
        ModbusCommand.Create(console),
        ProfileCommand.Create(console),
        Hj212Command.Create(console),
        SimulateCommand.Create(console),
        SimulatePlatformCommand.Create(console),
        StatusCommand.Create(console),
        WatchCommand.Create(console),
        MaintenanceCommand.Create(console),
        CalibrateCommand.Create(console),
        AnalyzerCommand.Create(console),
        AlarmsCommand.Create(console),
        AuditCommand.Create(console),
        OutboxCommand.Create(console),
        PlatformsCommand.Create(console),
        ConfigCommand.Create(console),
        Commands.WebConsole.ConsoleCommand.Create(console),
    };

    public static int Run(string[] args, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var root = Build(console);
        HelpWidth.Apply(root, console);
        var parse = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error };
        if (parse.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h"))
        {
            foreach (var line in ParseErrorReport.Lines(parse))
            {
                console.Error.WriteLine($"egw: {line}");
            }

            console.Error.WriteLine($"Try 'egw {string.Join(' ', CommandPath(parse))} --help'.".Replace("  ", " ", StringComparison.Ordinal));
            return ExitCodes.Usage;
        }

        return parse.Invoke(configuration);
    }

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new Stack<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Push(result.Command.Name);
        }

        return names;
    }
}
