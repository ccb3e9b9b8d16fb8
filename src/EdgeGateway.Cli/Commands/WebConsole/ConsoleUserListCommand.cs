using System.CommandLine;
using System.Text;
using System.Text.Json;

namespace EdgeGateway.Cli.Commands.WebConsole;

/// <summary><c>egw console user list [--file PATH] [--json]</c>: the names (never the hashes).</summary>
internal static class ConsoleUserListCommand
{
    public static Command Create(CliConsole console)
    {
        var file = ConsoleCommand.FileOption();
        var json = new Option<bool>("--json") { Description = "Print the users as JSON: [{name, iterations}]" };
        var command = new Command("list", "List the web console's users") { file, json };
        command.SetAction(parse => CommandRunner.Run(console, parse.GetValue(json), () =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path) && !parse.GetValue(json))
            {
                console.Out.WriteLine($"no users file at {path}: the console asks no login on 127.0.0.1 and refuses a LAN address (egw console user add NAME)");
                return ExitCodes.Ok;
            }

            var users = ConsoleUserFiles.Load(path);
            if (parse.GetValue(json))
            {
                using var buffer = new MemoryStream();
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    writer.WriteStartArray();
                    foreach (var user in users.Users)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("name", user.Name);
                        writer.WriteNumber("iterations", user.Iterations);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                }

                console.Out.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
                return ExitCodes.Ok;
            }

            console.Out.WriteLine($"{users.Users.Count} user(s) in {path}");
            foreach (var user in users.Users)
            {
                console.Out.WriteLine($"  {user.Name}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
