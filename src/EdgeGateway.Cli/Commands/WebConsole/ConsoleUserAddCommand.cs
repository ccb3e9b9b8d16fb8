using System.CommandLine;
using System.Text;

namespace EdgeGateway.Cli.Commands.WebConsole;

/// <summary>
/// <c>egw console user add NAME [--file PATH] [--password-stdin]</c>: adds a user, or sets a user's new password. The
/// password is asked twice without echo on a terminal, or read as one line from standard input with
/// <c>--password-stdin</c> (for scripts); it is never an argument, which any user could read in the process list.
/// </summary>
internal static class ConsoleUserAddCommand
{
    public const int MinimumPasswordLength = 8;

    public static Command Create(CliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = $"The user name ({Control.Contract.Console.ConsoleUser.NameRule}); the audit trail shows it" };
        var file = ConsoleCommand.FileOption();
        var fromStdin = new Option<bool>("--password-stdin") { Description = "Read the password as one line from standard input instead of asking" };
        var command = new Command("add", "Add a web console user, or set a new password for one") { name, file, fromStdin };
        command.SetAction(parse => CommandRunner.Run(console, asJson: false, () =>
        {
            var user = parse.GetValue(name)!;
            var path = parse.GetValue(file)!;
            ConsoleUserFiles.RequireName(user);
            var password = parse.GetValue(fromStdin) ? console.Input.ReadLine() ?? string.Empty : AskTwice(console, user);
            if (password.Length < MinimumPasswordLength)
            {
                throw new CommandException(ExitCodes.Usage, $"the password is shorter than {MinimumPasswordLength} characters", "usage");
            }

            var existed = File.Exists(path);
            var users = ConsoleUserFiles.Load(path);
            var replaced = users.Users.Any(candidate => candidate.Name == user);
            ConsoleUserFiles.Save(users.WithUser(user, password), path);
            console.Out.WriteLine(replaced ? $"set a new password for '{user}' in {path}" : $"added '{user}' to {path}");
            if (!existed)
            {
                console.Out.WriteLine($"{path} is new (mode 0640): let the console read it with: sudo chgrp edge-gateway {path}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string AskTwice(CliConsole console, string user)
    {
        if (!ReferenceEquals(console.Input, System.Console.In) || System.Console.IsInputRedirected)
        {
            throw new CommandException(ExitCodes.Usage, "no terminal to ask the password on: give it on standard input with --password-stdin", "usage");
        }

        var first = ReadHidden(console, $"password for {user}: ");
        var second = ReadHidden(console, "again: ");
        if (first != second)
        {
            throw new CommandException(ExitCodes.Usage, "the two passwords differ; nothing was changed", "usage");
        }

        return first;
    }

    private static string ReadHidden(CliConsole console, string prompt)
    {
        console.Error.Write(prompt);
        var text = new StringBuilder();
        while (true)
        {
            var key = System.Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                console.Error.WriteLine();
                return text.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                {
                    text.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }
}
