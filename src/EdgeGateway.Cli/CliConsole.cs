namespace EdgeGateway.Cli;

/// <summary>Where a command reads and writes: the process's standard streams, or a test's.</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader? In = null)
{
    /// <summary>Standard input, or an empty reader when none was given.</summary>
    public TextReader Input => In ?? TextReader.Null;
}
