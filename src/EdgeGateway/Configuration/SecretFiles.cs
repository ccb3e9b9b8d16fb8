namespace EdgeGateway.Configuration;

/// <summary>
/// Finds and reads the files that hold secrets (a platform's PW, its SM4 key), the way the MQTT password file is
/// found: an absolute path as is, a relative one inside systemd's <c>$CREDENTIALS_DIRECTORY</c> when set.
/// </summary>
internal static class SecretFiles
{
    /// <summary>Set by systemd for a unit with <c>LoadCredential=</c> or <c>SetCredential=</c>.</summary>
    public const string CredentialsDirectoryVariable = "CREDENTIALS_DIRECTORY";

    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        var credentials = Environment.GetEnvironmentVariable(CredentialsDirectoryVariable);
        return string.IsNullOrEmpty(credentials) ? path : Path.Combine(credentials, path);
    }

    /// <summary>The file's text without one trailing line break (editors and <c>echo</c> add one); null with a reason when it cannot be read.</summary>
    public static string? TryRead(string path, out string? problem)
    {
        var resolved = Resolve(path);
        if (!File.Exists(resolved))
        {
            problem = resolved == path ? $"'{path}' does not exist" : $"'{path}' does not exist (looked in {resolved})";
            return null;
        }

        try
        {
            var text = File.ReadAllText(resolved);
            problem = null;
            return text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problem = $"'{resolved}' cannot be read: {exception.Message}";
            return null;
        }
    }
}
