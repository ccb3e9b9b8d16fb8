namespace EdgeGateway.WebConsole;

/// <summary>What edge-gateway-console's exit code means.</summary>
internal static class ConsoleExitCodes
{
    public const int Ok = 0;

    /// <summary>The console could not run (e.g. the address is taken).</summary>
    public const int Failed = 1;

    /// <summary>Unknown or malformed command-line arguments.</summary>
    public const int Usage = 2;

    /// <summary>
    /// The configuration is invalid (sysexits' EX_CONFIG): the unit's RestartPreventExitStatus=78 keeps systemd from
    /// restarting a console that cannot start until someone edits gateway.json.
    /// </summary>
    public const int BadConfig = 78;
}
