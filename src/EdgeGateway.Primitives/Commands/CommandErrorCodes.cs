namespace EdgeGateway.Primitives.Commands;

/// <summary>
/// The one vocabulary of error codes for both command surfaces: the platform's commands over MQTT
/// (<c>error.code</c> of a reply, docs/platform-contract.md and docs/schemas/command-reply.schema.json) and the local
/// control socket that egw speaks (docs/control-protocol.md). A code means the same on both; each surface uses the
/// codes that can happen on it, as its document lists.
/// </summary>
public static class CommandErrorCodes
{
    /// <summary>The request is not a JSON object, or its body is too large to read.</summary>
    public const string Malformed = "malformed";

    /// <summary>A control request line is longer than the protocol allows (control socket only).</summary>
    public const string Oversized = "oversized";

    /// <summary>The request's protocol version is not one this gateway speaks (control socket only).</summary>
    public const string UnsupportedVersion = "unsupported-version";

    /// <summary>No command of that name.</summary>
    public const string UnknownCommand = "unknown-command";

    /// <summary>A field is missing, of the wrong type or out of range.</summary>
    public const string InvalidArgument = "invalid-argument";

    /// <summary>What the request names (a bus, a port, a channel) is not on this gateway.</summary>
    public const string NotFound = "not-found";

    /// <summary>The gateway cannot take the request now (a bus queue is full, a history re-send runs); it may be repeated shortly.</summary>
    public const string Busy = "busy";

    /// <summary>The configuration or the clock's state does not allow it (platform commands only).</summary>
    public const string Forbidden = "forbidden";

    /// <summary>It was tried and did not work; the message says why.</summary>
    public const string Failed = "failed";
}
