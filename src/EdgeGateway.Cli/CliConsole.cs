namespace EdgeGateway.Cli;

/// <summary>Where a command reads and writes: the process's standard streams, or a test's.</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader? In = null)
{
    /// <summary>Standard input, or an empty reader when none was given.</summary>
    public TextReader Input => In ?? TextReader.Null;

    /// <summary>
    /// Whether <see cref="Error"/> is a terminal a person watches: progress that rewrites its line (<c>\r</c>) goes
    /// there only then, never into a file or a pipe.
    /// </summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>The width of the terminal <see cref="Out"/> is, if it is one (help is wrapped to it).</summary>
    public int? TerminalColumns { get; init; }
}
