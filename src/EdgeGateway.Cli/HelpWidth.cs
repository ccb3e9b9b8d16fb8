using System.CommandLine;
using System.CommandLine.Help;

namespace EdgeGateway.Cli;

/// <summary>
/// Wraps <c>--help</c> at the terminal's width, and at <see cref="MaxColumns"/> at most (also into a pipe or a file,
/// where System.CommandLine would otherwise write each description on one line of any length).
/// </summary>
internal static class HelpWidth
{
    public const int MaxColumns = 120;

    public static void Apply(RootCommand root, CliConsole console)
    {
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            if (help.Action is HelpAction action)
            {
                action.MaxWidth = console.TerminalColumns is > 20 and < MaxColumns ? console.TerminalColumns.Value : MaxColumns;
            }
        }
    }
}
