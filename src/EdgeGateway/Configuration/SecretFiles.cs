using EdgeGateway.Uplink.Mqtt;

namespace EdgeGateway.Configuration;

/// <summary>
/// Finds and reads the files that hold secrets (a platform's PW, its SM4 key), the way the MQTT password file is
/// found (<see cref="CredentialFiles"/>: an absolute path as is, a relative one inside systemd's
/// <c>$CREDENTIALS_DIRECTORY</c> when set), with a reason instead of an exception when one cannot be read.
/// </summary>
internal static class SecretFiles
{
    /// <summary>When the file was last written; null when that cannot be read.</summary>
    public static DateTimeOffset? LastWriteTimeUtc(string path)
    {
        try
        {
            var resolved = CredentialFiles.Resolve(path);
            return File.Exists(resolved) ? new DateTimeOffset(File.GetLastWriteTimeUtc(resolved), TimeSpan.Zero) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The file's text without one trailing line break (editors and <c>echo</c> add one); null with a reason when it cannot be read.</summary>
    public static string? TryRead(string path, out string? problem)
    {
        var resolved = CredentialFiles.Resolve(path);
        if (!File.Exists(resolved))
        {
            problem = resolved == path ? $"'{path}' does not exist" : $"'{path}' does not exist (looked in {resolved})";
            return null;
        }

        try
        {
            var text = CredentialFiles.ReadSecret(resolved);
            problem = null;
            return text;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problem = $"'{resolved}' cannot be read: {exception.Message}";
            return null;
        }
    }
}
