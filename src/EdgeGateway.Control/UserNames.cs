namespace EdgeGateway.Control;

/// <summary>Names a uid from the password database (<c>/etc/passwd</c>), for the audit trail.</summary>
public static class UserNames
{
    public static string Of(uint userId, string passwordFile = "/etc/passwd")
    {
        try
        {
            foreach (var line in File.ReadLines(passwordFile))
            {
                var fields = line.Split(':');
                if (fields.Length > 2 && uint.TryParse(fields[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var uid) && uid == userId)
                {
                    return fields[0];
                }
            }
        }
        catch (IOException)
        {
            // No password database to read: the uid itself is the name.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }

        return userId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
