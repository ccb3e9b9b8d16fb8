using EdgeGateway.Control.Contract;

namespace EdgeGateway.Cli.Commands.Config;

/// <summary>
/// What the running gateway says about itself on its control socket (the <c>status</c> command): the configuration
/// file it was started with, its own binary, and when it started. <c>egw config check</c> checks that file with that
/// binary, so a technician checks what runs, wherever it was installed or started from.
/// </summary>
/// <param name="ConfigFile">The gateway.json the service loaded (absolute).</param>
/// <param name="ServiceBinary">The service's executable (or its .dll when run by <c>dotnet</c>); null from a service that does not say.</param>
/// <param name="StartedAt">When the service started.</param>
internal sealed record RunningGateway(string ConfigFile, string? ServiceBinary, DateTimeOffset? StartedAt)
{
    /// <summary>The running gateway, or null when none answers on the socket (not an error: the check falls back).</summary>
    public static RunningGateway? Ask(string? socket)
    {
        try
        {
            using var client = ControlClient.Connect(ControlClient.ResolvePath(socket));
            var response = client.Send("status");
            if (!response.Ok || response.Result is not { } status
                || !status.TryGetProperty("configFile", out var fileElement) || fileElement.GetString() is not { Length: > 0 } configFile)
            {
                return null;
            }

            var binary = status.TryGetProperty("serviceBinary", out var binaryElement) ? binaryElement.GetString() : null;
            DateTimeOffset? startedAt = status.TryGetProperty("startedAt", out var startedElement) ? startedElement.GetDateTimeOffset() : null;
            return new RunningGateway(configFile, binary, startedAt);
        }
        catch (ControlUnavailableException)
        {
            return null;
        }
    }
}
