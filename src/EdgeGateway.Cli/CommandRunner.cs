using System.Text.Json;
using EdgeGateway.Cli.Output;
using EdgeGateway.Modbus.Transport;

namespace EdgeGateway.Cli;

/// <summary>Runs a command body and turns its expected failures into one stderr line and a meaningful exit code.</summary>
internal static class CommandRunner
{
    public static int Run(CliConsole console, bool asJson, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (CommandException e)
        {
            return Fail(console, asJson, e.ExitCode, e.Message, e.Kind);
        }
        catch (ModbusTransportException e)
        {
            return Fail(console, asJson, ExitCodes.Unavailable, e.Message, "unavailable");
        }
    }

    public static int Fail(CliConsole console, bool asJson, int exitCode, string message, string kind)
    {
        console.Error.WriteLine($"egw: {message}");
        if (asJson)
        {
            console.Out.WriteLine(JsonSerializer.Serialize(new ErrorReport(message, kind), CliJsonContext.Default.ErrorReport));
        }

        return exitCode;
    }
}
