using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace EdgeGateway.Control;

/// <summary>
/// The optional argument <c>onBehalfOf</c> of an audited command: whom a caller that serves several people (the web
/// console, one kernel user) acts for. The kernel's uid stays who is accountable; this says for whom, as the caller
/// claims it, so it is checked for shape only: 1-64 characters of <c>[A-Za-z0-9._@-]</c> (a login or an e-mail
/// address; nothing that could forge a line of the audit trail or of egw's output).
/// </summary>
public static class OnBehalfOf
{
    public const int MaxLength = 64;

    /// <summary>The argument; null when absent. False with a reason when it is present but not such a name.</summary>
    public static bool TryRead(JsonElement? args, out string? onBehalfOf, [NotNullWhen(false)] out string? error)
    {
        onBehalfOf = null;
        error = null;
        if (args is not { ValueKind: JsonValueKind.Object } present || !present.TryGetProperty("onBehalfOf", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (text is null || text.Length is 0 or > MaxLength || !text.All(IsAllowed))
        {
            error = $"onBehalfOf is a user name of 1 to {MaxLength} characters among A-Z a-z 0-9 . _ @ -";
            return false;
        }

        onBehalfOf = text;
        return true;
    }

    /// <summary>Who did it, for a line of text: <c>root</c>, or <c>alice (as egw-console)</c> on behalf of alice.</summary>
    public static string Describe(string user, string? onBehalfOf) => onBehalfOf is null ? user : $"{onBehalfOf} (as {user})";

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '@' or '-';
}
