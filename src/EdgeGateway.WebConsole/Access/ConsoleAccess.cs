using EdgeGateway.Control.Contract.Console;

namespace EdgeGateway.WebConsole.Access;

/// <summary>
/// Who may use the console. A login is asked when the users file holds a user, and always on a non-loopback address
/// (where the start-up check has made sure there is one). The users file is read at each login and each check of
/// whether a login is needed, so <c>egw console user add|remove</c> takes effect without a restart.
/// </summary>
internal sealed class ConsoleAccess(ConsoleSettings settings, bool loopback, SessionStore sessions, LoginThrottle throttle)
{
    /// <summary>The <c>onBehalfOf</c> the console gives for a technician who did not log in (loopback, no users).</summary>
    public const string LocalUser = "local";

    public const string CookieName = "egw-console-session";

    public SessionStore Sessions => sessions;

    public LoginThrottle Throttle => throttle;

    public bool Tls => settings.Tls is not null;

    // A users file that cannot be read asks for a login that nobody passes: never open because of a broken file.
    public bool LoginRequired => !loopback || Users() is not { Users.Count: 0 };

    /// <summary>The user to act for: the session's, or <see cref="LocalUser"/> when no login is asked; null when a login is missing.</summary>
    public string? UserOf(string? sessionId)
    {
        if (sessions.Find(sessionId) is { } session)
        {
            return session.User;
        }

        return LoginRequired ? null : LocalUser;
    }

    public bool Verify(string name, string password) => Users()?.Verify(name, password) ?? false;

    private ConsoleUserFile? Users()
    {
        try
        {
            return ConsoleUserFile.Load(settings.UsersFile);
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
        {
            // Broken since the start-up check: nobody can log in, and the page says the login failed.
            System.Console.Error.WriteLine($"edge-gateway-console: {exception.Message}");
            return null;
        }
    }
}
