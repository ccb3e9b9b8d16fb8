using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EdgeGateway.Primitives.StateFiles;

namespace EdgeGateway.Control.Contract.Console;

/// <summary>
/// The web console's users file (default /etc/edge-gateway/console-users): one line per user,
/// <c>name:pbkdf2-sha256:ITERATIONS:SALT_BASE64:HASH_BASE64</c>; blank lines and lines starting with <c>#</c> are
/// ignored. Passwords are never stored, only PBKDF2-SHA256 hashes with a random salt, and compared in constant time.
/// Written by <c>egw console user add|remove</c>, atomically, mode 0640 (root and the edge-gateway group read it).
/// </summary>
public sealed class ConsoleUserFile
{
    /// <summary>PBKDF2-SHA256 iterations for new passwords (OWASP's 2023 figure); existing lines keep their own.</summary>
    public const int DefaultIterations = 600_000;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // Compared against when the name is unknown, so that a wrong name costs as long as a wrong password.
    private static readonly ConsoleUser Nobody = new("-", DefaultIterations, new byte[SaltBytes], new byte[HashBytes]);

    private ConsoleUserFile(IReadOnlyList<ConsoleUser> users) => Users = users;

    public static ConsoleUserFile Empty { get; } = new([]);

    /// <summary>The users, in the file's order.</summary>
    public IReadOnlyList<ConsoleUser> Users { get; }

    /// <exception cref="FormatException">A line is not a user line; the message names the file and line.</exception>
    public static ConsoleUserFile Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var users = new List<ConsoleUser>();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split(':');
            if (fields.Length != 5 || !ConsoleUser.IsValidName(fields[0]) || fields[1] != Scheme
                || !int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1
                || !TryBase64(fields[3], out var salt) || salt.Length < 8 || !TryBase64(fields[4], out var hash) || hash.Length < 16)
            {
                throw new FormatException($"{path}: line {lineNumber} is not name:{Scheme}:ITERATIONS:SALT_BASE64:HASH_BASE64 (egw console user add NAME writes one)");
            }

            if (users.Any(user => user.Name == fields[0]))
            {
                throw new FormatException($"{path}: line {lineNumber}: user '{fields[0]}' is listed twice");
            }

            users.Add(new ConsoleUser(fields[0], iterations, salt, hash));
        }

        return new ConsoleUserFile(users);
    }

    /// <summary>The file's users; <see cref="Empty"/> when the file does not exist.</summary>
    /// <exception cref="FormatException">The file is malformed.</exception>
    /// <exception cref="IOException">It cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">This user may not read it.</exception>
    public static ConsoleUserFile Load(string path) =>
        File.Exists(path) ? Parse(File.ReadAllText(path), path) : Empty;

    /// <summary>Whether <paramref name="password"/> is the password of <paramref name="name"/>; as slow for an unknown name.</summary>
    public bool Verify(string name, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var user = Users.FirstOrDefault(candidate => candidate.Name == name);
        var computed = Derive(password, (user ?? Nobody).Salt, (user ?? Nobody).Iterations, (user ?? Nobody).Hash.Length);
        return CryptographicOperations.FixedTimeEquals(computed, (user ?? Nobody).Hash) && user is not null;
    }

    /// <summary>A copy with <paramref name="name"/> added, or its password replaced, with a new random salt.</summary>
    public ConsoleUserFile WithUser(string name, string password, int iterations = DefaultIterations)
    {
        if (!ConsoleUser.IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not a user name: {ConsoleUser.NameRule}", nameof(name));
        }

        ArgumentException.ThrowIfNullOrEmpty(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var user = new ConsoleUser(name, iterations, salt, Derive(password, salt, iterations, HashBytes));
        var users = Users.ToList();
        var index = users.FindIndex(candidate => candidate.Name == name);
        if (index >= 0)
        {
            users[index] = user;
        }
        else
        {
            users.Add(user);
        }

        return new ConsoleUserFile(users);
    }

    /// <summary>A copy without <paramref name="name"/> (the same when it is not there).</summary>
    public ConsoleUserFile Without(string name) => new([.. Users.Where(user => user.Name != name)]);

    /// <summary>The file's text.</summary>
    public string Format()
    {
        var text = new StringBuilder("# edge-gateway web console users: egw console user add|remove|list (docs/technician-guide.md)\n");
        foreach (var user in Users)
        {
            text.Append(CultureInfo.InvariantCulture, $"{user.Name}:{Scheme}:{user.Iterations}:{Convert.ToBase64String(user.Salt)}:{Convert.ToBase64String(user.Hash)}\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// Replaces the file atomically (temporary file, fsync, rename), mode 0640. The new file belongs to the writer
    /// (root, under sudo): the console reads it through its group, so the guide has the one <c>chgrp edge-gateway</c>.
    /// </summary>
    public void Save(string path) =>
        AtomicFile.Write(path, FileMode, stream => stream.Write(Encoding.UTF8.GetBytes(Format())));

    private static byte[] Derive(string password, byte[] salt, int iterations, int length) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, length);

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length];
        if (Convert.TryFromBase64String(text, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }
}
