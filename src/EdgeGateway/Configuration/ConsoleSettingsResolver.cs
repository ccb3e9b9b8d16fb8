using EdgeGateway.Configuration.Documents;
using EdgeGateway.Control.Contract.Console;

namespace EdgeGateway.Configuration;

/// <summary>
/// The <c>console</c> section. The service does not run the web console (edge-gateway-console reads the section
/// itself), but <c>--check-config</c> applies the console's own <see cref="ConsoleSettingsCheck"/>, so that a LAN
/// listen without users or TLS is refused before anyone starts the console.
/// </summary>
internal static class ConsoleSettingsResolver
{
    public static void Check(ConfigErrorCollector found, ConsoleDocument? document)
    {
        if (document is null)
        {
            return;
        }

        var settings = new ConsoleSettings(
            document.Listen ?? ConsoleSettings.DefaultListen,
            document.UsersFile ?? ConsoleSettings.DefaultUsersFile,
            document.Tls is null ? null : new ConsoleTlsSettings(document.Tls.Certificate, document.Tls.Key));
        foreach (var problem in ConsoleSettingsCheck.Check(settings))
        {
            found.Error(problem.Key, problem.Message);
        }
    }
}
