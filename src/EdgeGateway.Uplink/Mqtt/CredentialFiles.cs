namespace EdgeGateway.Uplink.Mqtt;

/// <summary>
/// Finds and reads secret files, such as systemd credentials: the MQTT password file here, the HJ 212 platforms' PW
/// and SM4 key files in the service's configuration.
/// </summary>
public static class CredentialFiles
{
    /// <summary>Set by systemd for a unit with <c>LoadCredential=</c> or <c>SetCredential=</c>.</summary>
    public const string CredentialsDirectoryVariable = "CREDENTIALS_DIRECTORY";

    /// <summary>An absolute path as is; a relative one inside <c>$CREDENTIALS_DIRECTORY</c> when set, else as given.</summary>
    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        string? credentialsDirectory = Environment.GetEnvironmentVariable(CredentialsDirectoryVariable);
        return string.IsNullOrEmpty(credentialsDirectory) ? path : Path.Combine(credentialsDirectory, path);
    }

    /// <summary>The file's text without one trailing line break (editors and <c>echo</c> add one).</summary>
    public static string ReadSecret(string path)
    {
        string text = File.ReadAllText(Resolve(path));
        if (text.EndsWith("\r\n", StringComparison.Ordinal))
        {
            return text[..^2];
        }

        return text.EndsWith('\n') ? text[..^1] : text;
    }
}
