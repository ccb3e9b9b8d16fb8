using System.Text;

namespace EdgeGateway.Hosting.Journal;

/// <summary>Turns a message-template name into a journal field name: <c>DeviceName</c> → <c>EGW_DEVICE_NAME</c>.</summary>
internal static class JournalFieldName
{
    /// <summary>Journal field names are upper-case ASCII letters, digits and '_', not starting with '_' (those are trusted fields).</summary>
    public static string From(string templateName)
    {
        var name = new StringBuilder("EGW_", templateName.Length + 8);
        for (var i = 0; i < templateName.Length; i++)
        {
            var c = templateName[i];
            if (char.IsAsciiLetterUpper(c) && i > 0 && (char.IsAsciiLetterLower(templateName[i - 1]) || char.IsAsciiDigit(templateName[i - 1])))
            {
                name.Append('_');
            }

            name.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        }

        return name.ToString();
    }
}
