using System.CommandLine;

namespace EdgeGateway.Cli.Commands.Config;

/// <summary><c>egw config</c>: the gateway's configuration.</summary>
internal static class ConfigCommand
{
    public static Command Create(CliConsole console) => new("config", "The gateway's configuration (gateway.json)")
    {
        ConfigCheckCommand.Create(console),
    };
}
