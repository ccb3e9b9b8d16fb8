using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Simulator.Hj212Platform;

namespace EdgeGateway.Cli.Commands.SimulatePlatform;

/// <summary>
/// <c>egw simulate-platform</c>: an HJ 212 platform on a TCP port until Ctrl+C, so the gateway's platform link
/// can be tried without a regulator's server: it prints each packet received with what is wrong with it, and
/// answers like a platform (or, on request, does not).
/// </summary>
internal static class SimulatePlatformCommand
{
    private const int ShortCpChars = 80;
    private static readonly TimeSpan StartLineWait = TimeSpan.FromSeconds(5);

    public static Command Create(CliConsole console)
    {
        var listen = new Option<string>("--listen", "-l")
        {
            Description = "Where to listen, as address:port (127.0.0.1:9000; port 0 lets the system choose)",
            Required = true,
        };
        var edition = new Option<string>("--edition") { Description = "The HJ 212 edition the platform speaks: 2017 or 2025", DefaultValueFactory = _ => "2017" };
        var mn = new Option<string?>("--mn") { Description = "The MN the platform registered: packets with another MN are reported" };
        var pw = new Option<string?>("--pw") { Description = "The PW the platform expects: packets with another PW are reported" };
        var noReplies = new Option<bool>("--no-replies") { Description = "Never answer (no 9013, no 9014), as a platform that takes data but stays silent" };
        var dropReplies = new Option<int>("--drop-replies") { Description = "Leave the first N replies unsent, then answer as usual", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "One JSON object per line instead of text" };
        edition.AcceptOnlyFromAmong("2017", "2025");
        listen.Validators.Add(result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (!Hj212PlatformSimulator.TryParseEndpoint(text, out _, out var error))
            {
                result.AddError(error);
            }
        });
        dropReplies.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--drop-replies must be 0 or more");
            }
        });

        var command = new Command("simulate-platform", "Play an HJ 212 platform on a TCP port until Ctrl+C: print and check every packet a data logger sends, and answer it");
        command.Options.Add(listen);
        command.Options.Add(edition);
        command.Options.Add(mn);
        command.Options.Add(pw);
        command.Options.Add(noReplies);
        command.Options.Add(dropReplies);
        command.Options.Add(json);
        command.Validators.Add(result =>
        {
            if (result.GetValue(noReplies) && result.GetValue(dropReplies) > 0)
            {
                result.AddError("--no-replies and --drop-replies exclude each other");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var asJson = parse.GetValue(json);
            // A logger that dials at once must not have its first packet printed before the line saying where we listen.
            using var started = new ManualResetEventSlim();
            var options = new Hj212PlatformSimulatorOptions
            {
                Edition = parse.GetValue(edition) == "2025" ? Hj212Edition.Edition2025 : Hj212Edition.Edition2017,
                ExpectedMn = parse.GetValue(mn),
                ExpectedPw = parse.GetValue(pw),
                OnReceived = record =>
                {
                    started.Wait(StartLineWait, CancellationToken.None);
                    Print(console, record, asJson);
                },
            };
            try
            {
                return await ServeAsync(console, parse.GetValue(listen)!, options, parse.GetValue(noReplies), parse.GetValue(dropReplies), asJson, started, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                return CommandRunner.Fail(console, asJson, ExitCodes.Unavailable, $"cannot listen on {parse.GetValue(listen)}: {e.Message}", "unavailable");
            }
        });
        return command;
    }

    private static async Task<int> ServeAsync(
        CliConsole console,
        string listen,
        Hj212PlatformSimulatorOptions options,
        bool noReplies,
        int dropReplies,
        bool asJson,
        ManualResetEventSlim started,
        CancellationToken cancellationToken)
    {
        await using var platform = Hj212PlatformSimulator.Start(listen, options);
        platform.Faults.NoReplies = noReplies;
        platform.Faults.DropNextReplies(dropReplies);
        var editionName = options.Edition == Hj212Edition.Edition2025 ? "2025" : "2017";
        var start = asJson
            ? JsonSerializer.Serialize(new PlatformListeningLine(platform.Endpoint.ToString(), editionName), PlatformSimulatorJsonContext.Default.PlatformListeningLine)
            : $"listening on {platform.Endpoint} as an HJ 212-{editionName} platform{(noReplies ? ", never answering" : dropReplies > 0 ? $", dropping the first {dropReplies} replies" : "")}";
        WriteLine(console, start);
        started.Set();

        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: the normal way to stop.
        }

        var received = platform.Received;
        var withProblems = received.Count(record => record.Problems.Count > 0);
        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"stopped: {received.Count} packets on {platform.Connections.Count} connections, {withProblems} with problems, {platform.Sent.Count} replies and commands sent, {platform.Faults.RepliesDropped} replies dropped");
        // The summary goes to stderr in JSON mode so stdout stays one JSON object per line.
        if (asJson)
        {
            console.Error.WriteLine(summary);
        }
        else
        {
            WriteLine(console, summary);
        }

        return ExitCodes.Ok;
    }

    private static void Print(CliConsole console, Hj212ReceivedPacket record, bool asJson)
    {
        var packet = record.Packet ?? record.UncheckedPacket;
        var cp = packet?.Cp.ToString();
        if (asJson)
        {
            var line = new PlatformPacketLine(
                record.ArrivedAt.ToString("O", CultureInfo.InvariantCulture),
                record.Sequence,
                record.ConnectionId,
                record.Cn,
                record.Qn,
                record.Mn,
                cp,
                record.IsRepeat,
                record.Problems);
            WriteLine(console, JsonSerializer.Serialize(line, PlatformSimulatorJsonContext.Default.PlatformPacketLine));
            return;
        }

        var text = new StringBuilder()
            .Append(record.ArrivedAt.ToLocalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture))
            .Append(CultureInfo.InvariantCulture, $" #{record.Sequence} conn {record.ConnectionId}")
            .Append(" CN=").Append(record.Cn ?? "?")
            .Append(" QN=").Append(record.Qn ?? "-")
            .Append(" MN=").Append(record.Mn ?? "-")
            .Append(" CP=").Append(Shorten(cp ?? "?"));
        if (record.IsRepeat)
        {
            text.Append(" (repeat)");
        }

        if (record.Problems.Count > 0)
        {
            text.Append(" ! ").AppendJoin("; ", record.Problems);
        }

        WriteLine(console, text.ToString());
    }

    private static string Shorten(string cp) => cp.Length <= ShortCpChars ? cp : string.Concat(cp.AsSpan(0, ShortCpChars - 1), "…");

    // Packets arrive on every connection's reader at once; a line must never interleave with another.
    private static void WriteLine(CliConsole console, string line)
    {
        lock (console)
        {
            console.Out.WriteLine(line);
            console.Out.Flush();
        }
    }
}
