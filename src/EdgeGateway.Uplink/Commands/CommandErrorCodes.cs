namespace EdgeGateway.Uplink.Commands;

/// <summary>The <c>error.code</c> values of a failed command reply (docs/schemas/command-reply.schema.json).</summary>
public static class CommandErrorCodes
{
    /// <summary>No command of that name.</summary>
    public const string UnknownCommand = "unknown-command";

    /// <summary>The body is not a JSON object, or too large to read.</summary>
    public const string Malformed = "malformed";

    /// <summary>A field is missing, of the wrong type or out of range.</summary>
    public const string InvalidArgument = "invalid-argument";

    /// <summary>The gateway is doing that already (one history re-send at a time); try again later.</summary>
    public const string Busy = "busy";

    /// <summary>The configuration or the clock's state does not allow it.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>It was tried and did not work; the message says why.</summary>
    public const string Failed = "failed";
}
