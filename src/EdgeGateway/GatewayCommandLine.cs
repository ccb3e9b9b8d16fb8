using EdgeGateway.Configuration;

namespace EdgeGateway;

/// <summary>The service's few arguments. Hand-parsed: the service needs no command tree, and this keeps it small.</summary>
internal sealed record GatewayCommandLine(GatewayMode Mode, string ConfigFile, bool Json, string? Broker)
{
    public static bool TryParse(string[] args, out GatewayCommandLine command, out string? error)
    {
        var mode = GatewayMode.Run;
        var configFile = Environment.GetEnvironmentVariable("EGW_CONFIG") is { Length: > 0 } fromEnvironment ? fromEnvironment : GatewayConfigLoader.DefaultConfigFile;
        var json = false;
        string? broker = null;
        command = new GatewayCommandLine(mode, configFile, json, broker);
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h":
                    mode = GatewayMode.Help;
                    break;
                case "--version":
                    mode = mode == GatewayMode.Help ? mode : GatewayMode.Version;
                    break;
                case "--demo":
                    mode = mode == GatewayMode.Help ? mode : GatewayMode.Demo;
                    break;
                case "--check-config":
                    mode = mode == GatewayMode.Help ? mode : GatewayMode.CheckConfig;
                    break;
                case "--json":
                    json = true;
                    break;
                case "--config" or "-c":
                    if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        error = "--config needs a file";
                        return false;
                    }

                    configFile = args[++i];
                    break;
                case "--broker":
                    if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        error = "--broker needs mqtt://host:port";
                        return false;
                    }

                    broker = args[++i];
                    break;
                default:
                    error = $"unknown argument '{args[i]}'";
                    return false;
            }
        }

        if (broker is not null && mode is not (GatewayMode.Demo or GatewayMode.Help))
        {
            error = "--broker applies to --demo only (the service takes its broker from uplink.broker)";
            return false;
        }

        command = new GatewayCommandLine(mode, configFile, json, broker);
        return true;
    }

    public static string Help(string version) => $"""
        edge-gateway {version} — pollution-source monitoring gateway: Modbus analyzers → HJ 212 data flags, durable
        store-and-forward → MQTT (JSON or HJ 212-2017) to the park platform.

        usage: edge-gateway [--config FILE]              run the service (systemd: Type=notify, stop with SIGTERM)
               edge-gateway --check-config [--config FILE] [--json]
                                                         validate the configuration, list every problem, exit
               edge-gateway --demo [--broker mqtt://HOST:PORT]
                                                         simulated analyzers + embedded broker, prints what the
                                                         platform receives (Ctrl+C stops)
               edge-gateway --version | --help

        options:
          -c, --config FILE   the site configuration (default {GatewayConfigLoader.DefaultConfigFile}, or $EGW_CONFIG);
                              EGW_ environment variables override keys, e.g. EGW_uplink__broker=mqtts://host:8883
          --json              --check-config prints a JSON report for scripts
          --broker URL        --demo publishes to this broker instead of an embedded one

        exit codes: 0 ok, 1 invalid configuration or fatal error, 2 bad arguments.
        Docs: README.md, docs/configuration.md, docs/platform-contract.md.
        """;
}
