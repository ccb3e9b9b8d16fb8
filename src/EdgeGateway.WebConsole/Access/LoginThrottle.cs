namespace EdgeGateway.WebConsole.Access;

/// <summary>
/// Slows down password guessing: each failed login from an address doubles the wait before that address's next
/// attempt is checked (1 s, 2 s, 4 s, ... at most 30 s), for 15 minutes after its last failure; a success clears it.
/// Failures are counted (in total and per address) and logged, so an attack shows in the journal.
/// </summary>
internal sealed class LoginThrottle(TimeProvider time)
{
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, (int Failures, DateTimeOffset Last)> _byAddress = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _failedLogins;

    /// <summary>Failed logins since the console started.</summary>
    public long FailedLogins => Interlocked.Read(ref _failedLogins);

    /// <summary>How long to wait before checking the next attempt from <paramref name="address"/>.</summary>
    public TimeSpan DelayFor(string address)
    {
        lock (_lock)
        {
            if (!_byAddress.TryGetValue(address, out var entry) || time.GetUtcNow() - entry.Last > Memory)
            {
                return TimeSpan.Zero;
            }

            return TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, entry.Failures - 1)));
        }
    }

    /// <returns>The failures from <paramref name="address"/> in the last 15 minutes, this one included.</returns>
    public int Failed(string address)
    {
        Interlocked.Increment(ref _failedLogins);
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var failures = _byAddress.TryGetValue(address, out var entry) && now - entry.Last <= Memory ? entry.Failures + 1 : 1;
            _byAddress[address] = (failures, now);
            return failures;
        }
    }

    public void Succeeded(string address)
    {
        lock (_lock)
        {
            _byAddress.Remove(address);
        }
    }
}
