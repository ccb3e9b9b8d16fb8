namespace EdgeGateway.Cli;

/// <summary>A command's expected failure: one line for the technician and the exit code that goes with it.</summary>
internal sealed class CommandException : Exception
{
    public CommandException(int exitCode, string message, string kind = "error")
        : base(message)
    {
        ExitCode = exitCode;
        Kind = kind;
    }

    public int ExitCode { get; }

    /// <summary>A short machine-readable word for <c>--json</c> output: timeout, exception, crc, unavailable, invalid...</summary>
    public string Kind { get; }
}
