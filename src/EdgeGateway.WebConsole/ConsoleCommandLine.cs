namespace EdgeGateway.WebConsole;

/// <summary><c>edge-gateway-console [--config PATH] [--help] [--version]</c>, hand-parsed like the service's.</summary>
internal sealed record ConsoleCommandLine(ConsoleMode Mode, string ConfigFile)
{
    public const string DefaultConfigFile = "/etc/edge-gateway/gateway.json";

    public static bool TryParse(string[] args, out ConsoleCommandLine command, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var mode = ConsoleMode.Run;
        var configFile = Environment.GetEnvironmentVariable("EGW_CONFIG") is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultConfigFile;
        command = new ConsoleCommandLine(mode, configFile);
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h":
                    mode = ConsoleMode.Help;
                    break;
                case "--version":
                    mode = mode == ConsoleMode.Help ? mode : ConsoleMode.Version;
                    break;
                case "--config" or "-c":
                    if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        error = "--config needs a file";
                        return false;
                    }

                    configFile = args[++i];
                    break;
                default:
                    error = $"unknown argument '{args[i]}'";
                    return false;
            }
        }

        command = new ConsoleCommandLine(mode, configFile);
        return true;
    }

    public static string Help(string version) => $"""
        edge-gateway-console {version}: the technician's web console of EdgeGateway

        Usage: edge-gateway-console [--config PATH]

        Serves a page (live values, trends, alarms, health, maintenance, audit) and asks the running gateway over its
        control socket, per request: nobody looking costs the gateway nothing. Reads control.socket and the console
        section of gateway.json (listen, default 127.0.0.1:8480; usersFile; tls). On a loopback address with no users,
        no login is asked; on any other address a users file (egw console user add NAME) and tls are required.
        Open it from a laptop with: ssh -L 8480:127.0.0.1:8480 cabinet, then http://127.0.0.1:8480/

        Options:
          -c, --config PATH   gateway.json (default {DefaultConfigFile}, or $EGW_CONFIG)
          -h, --help          this help
              --version       the version

        Exit codes: 0 stopped normally, 1 could not run (e.g. the address is in use), 2 bad command line,
        78 bad configuration (each problem is printed with its key and file).
        """;
}
