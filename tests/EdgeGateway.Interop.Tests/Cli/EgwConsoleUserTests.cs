using System.Text.Json;
using EdgeGateway.Control.Contract.Console;

namespace EdgeGateway.Interop.Tests.Cli;

/// <summary><c>egw console user add|remove|list</c>: the web console's users file, as the console and --check-config read it.</summary>
public sealed class EgwConsoleUserTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("egw-console-user-").FullName;

    private string File_ => Path.Combine(_directory, "console-users");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Add_writes_a_hash_the_console_verifies_with_mode_0640_and_a_second_add_replaces_the_password()
    {
        var added = Egw.RunWithInput("correct horse battery\n", "console", "user", "add", "alice", "--file", File_, "--password-stdin");

        Assert.Equal(0, added.ExitCode);
        Assert.Contains($"added 'alice' to {File_}", added.Output, StringComparison.Ordinal);
        Assert.Contains("chgrp edge-gateway", added.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse", File.ReadAllText(File_), StringComparison.Ordinal);
        Assert.True(ConsoleUserFile.Load(File_).Verify("alice", "correct horse battery"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(ConsoleUserFile.FileMode, File.GetUnixFileMode(File_));
        }

        var replaced = Egw.RunWithInput("another long secret\n", "console", "user", "add", "alice", "--file", File_, "--password-stdin");

        Assert.Equal(0, replaced.ExitCode);
        Assert.Contains("set a new password for 'alice'", replaced.Output, StringComparison.Ordinal);
        var users = ConsoleUserFile.Load(File_);
        Assert.Single(users.Users);
        Assert.False(users.Verify("alice", "correct horse battery"));
        Assert.True(users.Verify("alice", "another long secret"));
    }

    [Fact]
    public void List_shows_the_names_never_the_hashes_and_json_lists_name_and_iterations()
    {
        ConsoleUserFile.Empty.WithUser("alice", "correct horse battery", 1_000).WithUser("bob", "battery staple horse", 1_000).Save(File_);

        var text = Egw.Run("console", "user", "list", "--file", File_);
        var json = Egw.Run("console", "user", "list", "--file", File_, "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("2 user(s)", text.Output, StringComparison.Ordinal);
        Assert.Contains("  alice", text.Output, StringComparison.Ordinal);
        Assert.Contains("  bob", text.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("pbkdf2", text.Output, StringComparison.Ordinal);
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal(["alice", "bob"], document.RootElement.EnumerateArray().Select(user => user.GetProperty("name").GetString()));
        Assert.Equal(1_000, document.RootElement[0].GetProperty("iterations").GetInt32());
    }

    [Fact]
    public void Remove_drops_the_user_and_an_unknown_user_is_refused_with_exit_1()
    {
        ConsoleUserFile.Empty.WithUser("alice", "correct horse battery", 1_000).WithUser("bob", "battery staple horse", 1_000).Save(File_);

        var removed = Egw.Run("console", "user", "remove", "alice", "--file", File_);
        var unknown = Egw.Run("console", "user", "remove", "mallory", "--file", File_);

        Assert.Equal(0, removed.ExitCode);
        Assert.Contains("1 user(s) left", removed.Output, StringComparison.Ordinal);
        Assert.Equal(["bob"], ConsoleUserFile.Load(File_).Users.Select(user => user.Name));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains($"no user 'mallory' in {File_}", unknown.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("al ice", "correct horse battery\n", "is not a user name")]
    [InlineData("alice", "short\n", "shorter than 8 characters")]
    public void A_bad_name_or_a_short_password_is_refused_with_exit_2_and_nothing_written(string name, string input, string message)
    {
        var run = Egw.RunWithInput(input, "console", "user", "add", name, "--file", File_, "--password-stdin");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(File_));
    }

    [Fact]
    public void Add_without_a_terminal_and_without_password_stdin_says_how()
    {
        var run = Egw.RunWithInput("correct horse battery\n", "console", "user", "add", "alice", "--file", File_);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--password-stdin", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(File_));
    }

    [Fact]
    public void A_malformed_users_file_is_reported_with_its_line_and_exit_1()
    {
        File.WriteAllText(File_, "alice:secret\n");

        var run = Egw.Run("console", "user", "list", "--file", File_);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{File_}: line 1", run.Error, StringComparison.Ordinal);
    }
}
