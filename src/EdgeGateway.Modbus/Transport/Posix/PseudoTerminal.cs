namespace EdgeGateway.Modbus.Transport.Posix;

/// <summary>
/// Recognises pseudo-terminals (socat test lines, virtual ports). The Linux pty driver carries bytes, not bits: it
/// forces CS8 and clears PARENB on every tcsetattr, and glibc then reports EINVAL when that was the only change
/// requested (seen here: 9600 8N1 then 9600 8E1 on the same pty). So the serial transports ask a pty for 8N only.
/// </summary>
internal static class PseudoTerminal
{
    /// <summary>True for /dev/pts/N, directly or through symlinks such as the ones socat creates.</summary>
    public static bool IsPseudoTerminal(string path)
    {
        string finalPath;
        try
        {
            finalPath = File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        return finalPath.StartsWith("/dev/pts/", StringComparison.Ordinal);
    }
}
