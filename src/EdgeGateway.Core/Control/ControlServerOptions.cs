namespace EdgeGateway.Core.Control;

/// <summary>How the control socket is served.</summary>
public sealed record ControlServerOptions
{
    /// <summary>The socket's mode: owner and group (the technicians' group) may connect, nobody else.</summary>
    public UnixFileMode SocketMode { get; init; } = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    /// <summary>A connection that sends nothing for this long is closed, so a hung client holds nothing for ever.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>At most this many connections are served at once; more wait in the listen backlog.</summary>
    public int MaxConnections { get; init; } = 32;
}
