namespace EdgeGateway.Core.Control;

/// <summary>The error codes of the control protocol.</summary>
public static class ControlErrorCodes
{
    public const string Malformed = "malformed";
    public const string Oversized = "oversized";
    public const string UnsupportedVersion = "unsupported-version";
    public const string UnknownCommand = "unknown-command";
    public const string InvalidArgument = "invalid-argument";
    public const string Failed = "failed";
}
