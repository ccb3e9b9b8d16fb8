using System.CommandLine;
using System.CommandLine.Parsing;

namespace EdgeGateway.Cli;

/// <summary>
/// What egw says about a command line it cannot run, the real problem first: a mistyped command is
/// "unknown command 'statsu'; did you mean 'status'?", not System.CommandLine's "Required command was not provided"
/// (which is only its consequence) followed by "Unrecognized command or argument".
/// </summary>
internal static class ParseErrorReport
{
    public static IReadOnlyList<string> Lines(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var unknown = command.Subcommands.Count > 0
            ? parse.UnmatchedTokens.FirstOrDefault(token => !token.StartsWith('-'))
            : null;
        if (unknown is null)
        {
            return [.. parse.Errors.Select(error => error.Message)];
        }

        var lines = new List<string> { UnknownCommand(command, unknown) };
        lines.AddRange(parse.Errors
            .Where(error => error.SymbolResult is not CommandResult result || result.Command != command)
            .Select(error => error.Message)
            .Where(message => !message.Contains($"'{unknown}'", StringComparison.Ordinal)));
        return lines;
    }

    private static string UnknownCommand(Command parent, string typed)
    {
        var names = parent.Subcommands.Where(subcommand => !subcommand.Hidden).Select(subcommand => subcommand.Name).ToList();
        var closest = names
            .Select(name => (Name: name, Distance: Distance(typed, name)))
            .Where(candidate => candidate.Distance <= Math.Max(1, typed.Length / 3) || candidate.Name.StartsWith(typed, StringComparison.Ordinal))
            .OrderBy(candidate => candidate.Distance)
            .Select(candidate => candidate.Name)
            .FirstOrDefault();
        return closest is null
            ? $"unknown command '{typed}'; the commands are: {string.Join(", ", names)}"
            : $"unknown command '{typed}'; did you mean '{closest}'?";
    }

    // Edit distance with transpositions counted as one edit ("statsu" is one swap from "status").
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
