using System.CommandLine;
using System.Globalization;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Modbus.Transport;
using EdgeGateway.Simulator;
using EdgeGateway.Simulator.Faults;
using EdgeGateway.Simulator.Serving;

namespace EdgeGateway.Cli.Commands.Simulate;

/// <summary>
/// <c>egw simulate</c>: serves simulated analyzers for one or more profiles on a pty, a Modbus TCP port or an
/// RTU-over-TCP port until Ctrl+C, so a gateway (or any master) can be tried without the real cabinet.
/// </summary>
internal static class SimulateCommand
{
    private const int HighestRtuSlave = 247;

    public static Command Create(CliConsole console)
    {
        var profiles = new Option<string[]>("--profile")
        {
            Description = "A device profile (hardware/profiles/*.json); repeat for several analyzers on the same line",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var listen = new Option<string>("--listen", "-l")
        {
            Description = "Where to serve: a serial device or pty (/dev/pts/3), tcp://127.0.0.1:1502 (Modbus TCP) or rtu+tcp://127.0.0.1:4001 (RTU over TCP, as a serial server)",
            Required = true,
        };
        var slave = new Option<int>("--slave", "-s") { Description = "Slave id of the first profile; further profiles get the next ids", DefaultValueFactory = _ => 1 };
        var faults = new Option<string>("--faults") { Description = "Random faults: none, light (about 3 % of requests) or heavy (about 25 %)", DefaultValueFactory = _ => "none" };
        var seed = new Option<int>("--seed") { Description = "Seed of the signals and faults: the same seed serves the same values at the same time", DefaultValueFactory = _ => 0 };
        var baud = new Option<int>("--baud", "-b") { Description = "Baud rate on a serial port (a pty ignores it; it sets the frame gap)", DefaultValueFactory = _ => 9600 };
        faults.AcceptOnlyFromAmong(FaultPresets.Names);
        listen.Validators.Add(result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (!ModbusEndpoint.TryParse(text, out _, out var error))
            {
                result.AddError(error);
            }
        });
        slave.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > HighestRtuSlave)
            {
                result.AddError($"--slave must be 1 to {HighestRtuSlave}");
            }
        });
        baud.Validators.Add(result =>
        {
            var rate = result.GetValueOrDefault<int>();
            if (!SupportedSerialSettings.BaudRates.Contains(rate))
            {
                result.AddError($"baud rate {rate} is not supported; use one of {string.Join(' ', SupportedSerialSettings.BaudRates.ToArray())}");
            }
        });

        var command = new Command("simulate", "Serve simulated analyzers for device profiles until Ctrl+C, with plausible signals and optional faults");
        command.Options.Add(profiles);
        command.Options.Add(listen);
        command.Options.Add(slave);
        command.Options.Add(faults);
        command.Options.Add(seed);
        command.Options.Add(baud);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = new SimulateRequest(
                parse.GetValue(profiles) ?? [],
                ModbusEndpoint.Parse(parse.GetValue(listen)!),
                parse.GetValue(slave),
                parse.GetValue(faults)!,
                parse.GetValue(seed),
                parse.GetValue(baud));
            try
            {
                return await ServeAsync(console, request, cancellationToken).ConfigureAwait(false);
            }
            catch (CommandException e)
            {
                return CommandRunner.Fail(console, false, e.ExitCode, e.Message, e.Kind);
            }
            catch (ModbusTransportException e)
            {
                return CommandRunner.Fail(console, false, ExitCodes.Unavailable, e.Message, "unavailable");
            }
        });
        return command;
    }

    private static async Task<int> ServeAsync(CliConsole console, SimulateRequest request, CancellationToken cancellationToken)
    {
        var analyzers = BuildAnalyzers(request);
        var faults = request.Faults == "none" ? null : new SimulatedFaults(FaultPresets.Parse(request.Faults), request.Seed);
        var options = new SimulatorServerOptions
        {
            Faults = faults,
            Serial = new SerialSettings(request.Listen.Address, request.Baud),
            // A Modbus TCP analyzer answers whatever unit id the master uses only when it is alone.
            AnswerAnyUnitOnTcp = analyzers.Count == 1,
        };

        using var server = SimulatorServer.Start(request.Listen, analyzers, options);
        var served = string.Join(", ", analyzers.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Value.Profile.Model} as slave {pair.Key}")));
        var withFaults = faults is null ? "" : $" with {request.Faults} faults";
        await console.Out.WriteLineAsync($"serving {served} on {server.Endpoint}{withFaults}").ConfigureAwait(false);
        await console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);

        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: the normal way to stop.
        }

        var statistics = server.Statistics;
        await console.Out.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"stopped: {statistics.Requests} requests served, {statistics.FaultsInjected} faults injected")).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static Dictionary<byte, SimulatedAnalyzer> BuildAnalyzers(SimulateRequest request)
    {
        var last = request.FirstSlave + request.ProfileFiles.Count - 1;
        if (last > HighestRtuSlave)
        {
            throw new CommandException(ExitCodes.Usage, $"{request.ProfileFiles.Count} profiles from slave {request.FirstSlave} run past slave {HighestRtuSlave}", "usage");
        }

        var problems = new List<ProfileError>();
        var analyzers = new Dictionary<byte, SimulatedAnalyzer>();
        for (var i = 0; i < request.ProfileFiles.Count; i++)
        {
            if (!DeviceProfileLoader.TryLoadFile(request.ProfileFiles[i], out var profile, out var errors))
            {
                problems.AddRange(errors);
                continue;
            }

            // Each analyzer gets its own seed, so two of the same model do not serve identical values.
            analyzers[(byte)(request.FirstSlave + i)] = new SimulatedAnalyzer(profile, new SimulatedAnalyzerOptions { Seed = request.Seed + i });
        }

        if (problems.Count > 0)
        {
            throw new CommandException(ExitCodes.Failed, new ProfileException(problems).Message, "invalid");
        }

        return analyzers;
    }
}
