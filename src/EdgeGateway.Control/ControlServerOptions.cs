namespace EdgeGateway.Control;

/// <summary>How the control socket is served.</summary>
public sealed record ControlServerOptions
{
    /// <summary>The socket's mode: owner and group (the technicians' group) may connect, nobody else.</summary>
    public UnixFileMode SocketMode { get; init; } = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    /// <summary>
    /// A connection that has not delivered a whole request line (or not read its reply) this long after it connected or
    /// its last command finished is closed: bytes short of a line do not restart the clock, so neither a silent client
    /// nor one trickling a byte a minute holds a place for ever.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// At most this many connections are open at once. One more takes the place of the connection idle longest; only
    /// when all of them execute a command is it refused with a <c>busy</c> error line.
    /// </summary>
    public int MaxConnections { get; init; } = 32;
}
