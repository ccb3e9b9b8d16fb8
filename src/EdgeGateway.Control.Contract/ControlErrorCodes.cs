namespace EdgeGateway.Control.Contract;

/// <summary>The error codes of the control protocol.</summary>
public static class ControlErrorCodes
{
    public const string Malformed = "malformed";
    public const string Oversized = "oversized";
    public const string UnsupportedVersion = "unsupported-version";
    public const string UnknownCommand = "unknown-command";
    public const string InvalidArgument = "invalid-argument";
    public const string Failed = "failed";

    /// <summary>What the request names (a bus, a port) is not on this gateway.</summary>
    public const string NotFound = "not-found";

    /// <summary>The gateway cannot take the request now (e.g. a bus queue is full); it may be repeated shortly.</summary>
    public const string Busy = "busy";
}
