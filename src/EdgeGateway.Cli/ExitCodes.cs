namespace EdgeGateway.Cli;

/// <summary>
/// What <c>egw</c>'s exit status means, the same for every command, so scripts can branch on it.
/// </summary>
internal static class ExitCodes
{
    /// <summary>Done as asked.</summary>
    public const int Ok = 0;

    /// <summary>The thing asked about failed: the device did not answer or answered an exception, the profile or packet is invalid.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong (unknown option, missing value, value out of range).</summary>
    public const int Usage = 2;

    /// <summary>The port or connection could not be opened (no such device, permission denied, refused).</summary>
    public const int Unavailable = 3;

    /// <summary>Ctrl+C while following something the gateway runs (a calibration measurement): it goes on there.</summary>
    public const int Interrupted = 130;
}
