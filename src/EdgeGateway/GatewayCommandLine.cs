using EdgeGateway.Configuration;
using EdgeGateway.Demo;

namespace EdgeGateway;

/// <summary>The service's few arguments. Hand-parsed: the service needs no command tree, and this keeps it small.</summary>
internal sealed record GatewayCommandLine(GatewayMode Mode, string ConfigFile, bool Json, string? Broker, DemoHj212Options Hj212)
{
    public static bool TryParse(string[] args, out GatewayCommandLine command, out string? error)
    {
        var mode = GatewayMode.Run;
        var configFile = Environment.GetEnvironmentVariable("EGW_CONFIG") is { Length: > 0 } fromEnvironment ? fromEnvironment : GatewayConfigLoader.DefaultConfigFile;
        var json = false;
        string? broker = null;
        string? hj212 = null;
        string? hj212Edition = null;
        command = new GatewayCommandLine(mode, configFile, json, broker, new DemoHj212Options());
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
                case "--hj212":
                    if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        error = "--hj212 needs tcp://host:port";
                        return false;
                    }

                    hj212 = args[++i];
                    break;
                case "--hj212-edition":
                    if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        error = "--hj212-edition needs 2017 or 2025";
                        return false;
                    }

                    hj212Edition = args[++i];
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

        if ((hj212 is not null || hj212Edition is not null) && mode is not (GatewayMode.Demo or GatewayMode.Help))
        {
            error = $"{(hj212 is not null ? "--hj212" : "--hj212-edition")} applies to --demo only (the service takes its HJ 212 platforms from platforms[])";
            return false;
        }

        if (!DemoHj212Options.TryParse(hj212, hj212Edition, out var hj212Options, out error))
        {
            return false;
        }

        command = new GatewayCommandLine(mode, configFile, json, broker, hj212Options);
        return true;
    }

    public static string Help(string version) => $"""
        edge-gateway {version} — pollution-source monitoring gateway: Modbus analyzers → HJ 212 data flags, durable
        store-and-forward → MQTT (JSON or HJ 212-2017) to the park platform.

        usage: edge-gateway [--config FILE]              run the service (systemd: Type=notify, stop with SIGTERM)
               edge-gateway --check-config [--config FILE] [--json]
                                                         validate the configuration, list every problem, exit
               edge-gateway --demo [--broker mqtt://HOST:PORT]
                                   [--hj212 tcp://HOST:PORT] [--hj212-edition 2017|2025]
                                                         simulated analyzers + embedded broker + embedded HJ 212
                                                         platform, prints what both platforms receive (Ctrl+C stops)
               edge-gateway --version | --help

        options:
          -c, --config FILE   the site configuration (default {GatewayConfigLoader.DefaultConfigFile}, or $EGW_CONFIG);
                              EGW_ environment variables override keys, e.g. EGW_uplink__broker=mqtts://host:8883
          --json              --check-config prints a JSON report for scripts
          --broker URL        --demo publishes to this broker instead of an embedded one
          --hj212 URL         --demo reports as an HJ 212 data logger to this platform (tcp://host:port) instead of
                              an embedded one: replies wanted, OverTime 5 s, ReCount 3, heartbeat 30 s, real-time
                              every 30 s, minute/hour/day records, PW 123456; the MN is printed at start
          --hj212-edition E   the HJ 212 edition the demo speaks, 2017 (default) or 2025

        exit codes: 0 ok, 1 invalid configuration or fatal error, 2 bad arguments.
        Docs: README.md, docs/configuration.md, docs/platform-contract.md, docs/hj212-uplink.md.
        """;
}
