namespace EdgeGateway.Interop.Tests.Cli;

/// <summary>What one <c>egw</c> run printed and returned.</summary>
public sealed record EgwRun(int ExitCode, string Output, string Error)
{
    public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
