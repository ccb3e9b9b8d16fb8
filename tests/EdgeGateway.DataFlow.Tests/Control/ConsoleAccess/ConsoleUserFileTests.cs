using EdgeGateway.Control.Contract.Console;

namespace EdgeGateway.DataFlow.Tests.Control.ConsoleAccess;

/// <summary>The web console's users file: PBKDF2-SHA256 hashes, add/replace/remove, written atomically with mode 0640.</summary>
public sealed class ConsoleUserFileTests : IDisposable
{
    // Few iterations keep the tests fast; the file records each user's own count, so verification uses it.
    private const int Iterations = 1_000;

    private readonly string _directory = Directory.CreateTempSubdirectory("egw-console-users-").FullName;

    private string Path_ => Path.Combine(_directory, "console-users");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_right_password_verifies_and_a_wrong_one_or_an_unknown_user_does_not()
    {
        var users = ConsoleUserFile.Empty.WithUser("alice", "correct horse", Iterations).WithUser("bob", "battery staple", Iterations);

        Assert.True(users.Verify("alice", "correct horse"));
        Assert.True(users.Verify("bob", "battery staple"));
        Assert.False(users.Verify("alice", "battery staple"));
        Assert.False(users.Verify("alice", "correct horse "));
        Assert.False(users.Verify("mallory", "correct horse"));
    }

    [Fact]
    public void A_saved_file_reads_back_with_mode_0640_and_holds_no_password()
    {
        ConsoleUserFile.Empty.WithUser("alice", "correct horse", Iterations).Save(Path_);

        var text = File.ReadAllText(Path_);
        Assert.DoesNotContain("correct horse", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^alice:pbkdf2-sha256:1000:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$", text);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(ConsoleUserFile.FileMode, File.GetUnixFileMode(Path_));
        }

        Assert.True(ConsoleUserFile.Load(Path_).Verify("alice", "correct horse"));
        Assert.False(File.Exists(Path_ + ".tmp"));
    }

    [Fact]
    public void Adding_an_existing_name_replaces_its_password_and_remove_drops_only_that_user()
    {
        var users = ConsoleUserFile.Empty.WithUser("alice", "first password", Iterations).WithUser("bob", "bobs password", Iterations);

        var changed = users.WithUser("alice", "second password", Iterations);

        Assert.Equal(["alice", "bob"], changed.Users.Select(user => user.Name));
        Assert.False(changed.Verify("alice", "first password"));
        Assert.True(changed.Verify("alice", "second password"));
        var removed = changed.Without("alice");
        Assert.Equal(["bob"], removed.Users.Select(user => user.Name));
        Assert.False(removed.Verify("alice", "second password"));
        Assert.True(removed.Verify("bob", "bobs password"));
    }

    [Theory]
    [InlineData("alice:plain:secret")]
    [InlineData("alice:pbkdf2-sha256:many:AAAAAAAAAAA=:AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("al ice:pbkdf2-sha256:1000:AAAAAAAAAAA=:AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("alice:pbkdf2-sha256:1000:not-base64:AAAAAAAAAAAAAAAAAAAAAA==")]
    public void A_malformed_line_is_refused_naming_the_file_and_line(string line)
    {
        File.WriteAllText(Path_, "# users\n\n" + line + "\n");

        var error = Assert.Throws<FormatException>(() => ConsoleUserFile.Load(Path_));

        Assert.Contains(Path_, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_has_no_users()
    {
        Assert.Empty(ConsoleUserFile.Load(Path_).Users);
    }

    [Theory]
    [InlineData("alice", true)]
    [InlineData("a.b_c@d-e", true)]
    [InlineData("", false)]
    [InlineData("al ice", false)]
    [InlineData("alice:x", false)]
    public void User_names_follow_the_onBehalfOf_rule(string name, bool valid)
    {
        Assert.Equal(valid, ConsoleUser.IsValidName(name));
        Assert.False(ConsoleUser.IsValidName(new string('a', 65)));
    }
}
