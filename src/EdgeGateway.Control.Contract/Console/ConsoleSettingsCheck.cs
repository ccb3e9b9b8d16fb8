namespace EdgeGateway.Control.Contract.Console;

/// <summary>
/// The one rule for the <c>console</c> section, applied by the console at start and by the service's
/// <c>--check-config</c>: <c>listen</c> is an IP:PORT; on an address other machines can reach it needs a users file
/// with at least one user AND TLS (a certificate and a key file that exist), so that no password and no session
/// crosses the LAN in clear and nobody gets in without one. Paths are checked as the checking user sees them.
/// </summary>
public static class ConsoleSettingsCheck
{
    public static IReadOnlyList<ConsoleSettingsProblem> Check(ConsoleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<ConsoleSettingsProblem>();
        var users = CheckUsersFile(settings.UsersFile, problems);
        var tlsProblems = CheckTls(settings.Tls, problems);
        if (!ConsoleListenAddress.TryParse(settings.Listen, out var endPoint))
        {
            problems.Add(new("console:listen", $"'{settings.Listen}' is not {ConsoleListenAddress.Hint}"));
            return problems;
        }

        if (ConsoleListenAddress.IsLoopback(endPoint))
        {
            return problems;
        }

        var missing = new List<string>();
        if (users is null or { Users.Count: 0 })
        {
            missing.Add(users is null
                ? $"a users file (console.usersFile '{settings.UsersFile}' does not exist: create it with egw console user add NAME)"
                : $"at least one user in console.usersFile '{settings.UsersFile}' (egw console user add NAME)");
        }

        if (settings.Tls is null || tlsProblems > 0)
        {
            missing.Add("tls (console.tls.certificate and console.tls.key, PEM files that exist)");
        }

        if (missing.Count > 0)
        {
            problems.Add(new("console:listen", $"'{settings.Listen}' can be reached from other machines: that needs {string.Join(" and ", missing)}; or listen on 127.0.0.1 and use ssh -L"));
        }

        return problems;
    }

    // Null when the file does not exist (or cannot be read: reported).
    private static ConsoleUserFile? CheckUsersFile(string usersFile, List<ConsoleSettingsProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(usersFile))
        {
            problems.Add(new("console:usersFile", $"must not be empty (unset means {ConsoleSettings.DefaultUsersFile})"));
            return null;
        }

        try
        {
            return File.Exists(usersFile) ? ConsoleUserFile.Load(usersFile) : null;
        }
        catch (FormatException exception)
        {
            problems.Add(new("console:usersFile", exception.Message));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problems.Add(new("console:usersFile", $"'{usersFile}' cannot be read: {exception.Message}"));
        }

        return null;
    }

    private static int CheckTls(ConsoleTlsSettings? tls, List<ConsoleSettingsProblem> problems)
    {
        if (tls is null)
        {
            return 0;
        }

        var before = problems.Count;
        CheckFile(tls.Certificate, "console:tls:certificate", "the certificate (PEM)", problems);
        CheckFile(tls.Key, "console:tls:key", "the private key (PEM)", problems);
        return problems.Count - before;
    }

    private static void CheckFile(string? path, string key, string what, List<ConsoleSettingsProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            problems.Add(new(key, $"is required with console.tls: {what}"));
        }
        else if (!File.Exists(path))
        {
            problems.Add(new(key, $"file '{path}' not found"));
        }
    }
}
