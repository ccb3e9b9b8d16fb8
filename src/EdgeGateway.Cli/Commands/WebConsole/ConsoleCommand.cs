using System.CommandLine;

namespace EdgeGateway.Cli.Commands.WebConsole;

/// <summary>
/// <c>egw console user add|remove|list</c>: the web console's users file. (The folder is WebConsole, not Console: a
/// namespace named Console would shadow System.Console in every command's namespace.)
/// </summary>
internal static class ConsoleCommand
{
    public static Command Create(CliConsole console) => new("console", "The web console (edge-gateway-console): its users")
    {
        new Command("user", "Users who may log in to the web console (hashed passwords in /etc/edge-gateway/console-users)")
        {
            ConsoleUserAddCommand.Create(console),
            ConsoleUserRemoveCommand.Create(console),
            ConsoleUserListCommand.Create(console),
        },
    };

    public static Option<string> FileOption() => new("--file", "-f")
    {
        Description = "The users file (console.usersFile in gateway.json)",
        DefaultValueFactory = _ => Control.Contract.Console.ConsoleSettings.DefaultUsersFile,
    };
}
