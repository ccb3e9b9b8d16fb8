using System.Security.Cryptography;

namespace EdgeGateway.WebConsole.Access;

/// <summary>
/// The console's sessions, in memory: a restart of the console logs everyone out, which is fine for a page a
/// technician opens at a cabinet. A session id is 32 random bytes; it expires after <see cref="Lifetime"/> (a shift).
/// </summary>
internal sealed class SessionStore(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private readonly Dictionary<string, ConsoleSession> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public (string Id, ConsoleSession Session) Start(string user)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var session = new ConsoleSession(user, time.GetUtcNow() + Lifetime);
        lock (_lock)
        {
            Prune();
            _sessions[id] = session;
        }

        return (id, session);
    }

    public ConsoleSession? Find(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        lock (_lock)
        {
            Prune();
            return _sessions.GetValueOrDefault(id);
        }
    }

    public void End(string? id)
    {
        if (id is null)
        {
            return;
        }

        lock (_lock)
        {
            _sessions.Remove(id);
        }
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (id, session) in _sessions.Where(pair => pair.Value.Expires <= now).ToArray())
        {
            _sessions.Remove(id);
        }
    }
}
