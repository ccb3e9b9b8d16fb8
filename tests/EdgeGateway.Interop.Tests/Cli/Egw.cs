using EdgeGateway.Cli;

namespace EdgeGateway.Interop.Tests.Cli;

/// <summary>Runs <c>egw</c> in-process with captured output, exactly as the binary's Main does.</summary>
public static class Egw
{
    public static EgwRun Run(params string[] args) => RunWithInput(string.Empty, args);

    /// <summary>As if stderr were a terminal a person watches (progress lines are shown then).</summary>
    public static EgwRun RunOnTerminal(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = EgwApp.Run(args, new CliConsole(output, error) { ErrorIsTerminal = true });
        return new EgwRun(code, output.ToString(), error.ToString());
    }

    public static EgwRun RunWithInput(string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(input);
        var code = EgwApp.Run(args, new CliConsole(output, error, reader));
        return new EgwRun(code, output.ToString(), error.ToString());
    }
}
