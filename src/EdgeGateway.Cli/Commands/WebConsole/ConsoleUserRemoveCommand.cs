using System.CommandLine;

namespace EdgeGateway.Cli.Commands.WebConsole;

/// <summary><c>egw console user remove NAME [--file PATH]</c>: the user can no longer log in (open sessions end within 8 h).</summary>
internal static class ConsoleUserRemoveCommand
{
    public static Command Create(CliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = "The user to remove" };
        var file = ConsoleCommand.FileOption();
        var command = new Command("remove", "Remove a web console user") { name, file };
        command.SetAction(parse => CommandRunner.Run(console, asJson: false, () =>
        {
            var user = parse.GetValue(name)!;
            var path = parse.GetValue(file)!;
            var users = ConsoleUserFiles.Load(path);
            if (users.Users.All(candidate => candidate.Name != user))
            {
                throw new CommandException(ExitCodes.Failed, $"no user '{user}' in {path}", "not-found");
            }

            var remaining = users.Without(user);
            ConsoleUserFiles.Save(remaining, path);
            console.Out.WriteLine($"removed '{user}' from {path}; {remaining.Users.Count} user(s) left");
            if (remaining.Users.Count == 0)
            {
                console.Out.WriteLine("no user left: a console on a LAN address refuses to start (on 127.0.0.1 it asks no login)");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
