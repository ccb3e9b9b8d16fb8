namespace EdgeGateway.Control.Contract.Console;

/// <summary>One line of the console's users file: a name and its PBKDF2-SHA256 password hash.</summary>
public sealed record ConsoleUser(string Name, int Iterations, byte[] Salt, byte[] Hash)
{
    /// <summary>What a name may hold: the same as the control protocol's <c>onBehalfOf</c>, which carries it.</summary>
    public const string NameRule = "1 to 64 characters of A-Z a-z 0-9 . _ @ -";

    public static bool IsValidName(string? name) =>
        name is { Length: >= 1 and <= 64 } && name.All(character => char.IsAsciiLetterOrDigit(character) || character is '.' or '_' or '@' or '-');
}
