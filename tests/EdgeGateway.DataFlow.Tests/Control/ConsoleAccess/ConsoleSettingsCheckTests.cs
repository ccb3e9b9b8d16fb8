using EdgeGateway.Control.Contract.Console;

namespace EdgeGateway.DataFlow.Tests.Control.ConsoleAccess;

/// <summary>
/// The console section's one rule, which the console and the service's --check-config share: loopback by default; an
/// address other machines reach only with an existing users file holding a user AND tls files that exist.
/// </summary>
public sealed class ConsoleSettingsCheckTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("egw-console-check-").FullName;

    private string Users => Path.Combine(_directory, "console-users");

    private string Certificate => Path.Combine(_directory, "console.crt");

    private string Key => Path.Combine(_directory, "console.key");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("127.0.0.1:8480")]
    [InlineData("[::1]:8480")]
    [InlineData("localhost:9000")]
    public void Loopback_needs_neither_users_nor_tls(string listen)
    {
        Assert.Empty(ConsoleSettingsCheck.Check(new ConsoleSettings(listen, Users)));
    }

    [Theory]
    [InlineData("0.0.0.0:8443")]
    [InlineData("192.168.1.20:8443")]
    [InlineData("[::]:8443")]
    public void A_lan_address_without_a_users_file_is_refused_naming_listen_and_the_users_file(string listen)
    {
        WriteTls();

        var problem = Assert.Single(ConsoleSettingsCheck.Check(new ConsoleSettings(listen, Users, new ConsoleTlsSettings(Certificate, Key))));

        Assert.Equal("console:listen", problem.Key);
        Assert.Contains(Users, problem.Message, StringComparison.Ordinal);
        Assert.Contains("egw console user add", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lan_address_with_an_empty_users_file_is_refused()
    {
        WriteTls();
        ConsoleUserFile.Empty.Save(Users);

        var problem = Assert.Single(ConsoleSettingsCheck.Check(new ConsoleSettings("0.0.0.0:8443", Users, new ConsoleTlsSettings(Certificate, Key))));

        Assert.Contains("at least one user", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lan_address_with_users_but_without_tls_is_refused()
    {
        ConsoleUserFile.Empty.WithUser("alice", "correct horse", 1_000).Save(Users);

        var problem = Assert.Single(ConsoleSettingsCheck.Check(new ConsoleSettings("0.0.0.0:8443", Users)));

        Assert.Equal("console:listen", problem.Key);
        Assert.Contains("tls", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lan_address_with_a_missing_key_file_is_refused_under_the_key_and_the_listen()
    {
        ConsoleUserFile.Empty.WithUser("alice", "correct horse", 1_000).Save(Users);
        File.WriteAllText(Certificate, "-----BEGIN CERTIFICATE-----\n");

        var problems = ConsoleSettingsCheck.Check(new ConsoleSettings("0.0.0.0:8443", Users, new ConsoleTlsSettings(Certificate, Key)));

        Assert.Equal(["console:tls:key", "console:listen"], problems.Select(problem => problem.Key));
        Assert.Contains(Key, problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lan_address_with_users_and_tls_is_accepted()
    {
        WriteTls();
        ConsoleUserFile.Empty.WithUser("alice", "correct horse", 1_000).Save(Users);

        Assert.Empty(ConsoleSettingsCheck.Check(new ConsoleSettings("0.0.0.0:8443", Users, new ConsoleTlsSettings(Certificate, Key))));
    }

    [Theory]
    [InlineData("8480")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("::1:8480")]
    [InlineData("cabinet.local:8480")]
    public void A_listen_that_is_not_ip_and_port_is_refused(string listen)
    {
        var problem = Assert.Single(ConsoleSettingsCheck.Check(new ConsoleSettings(listen, Users)));

        Assert.Equal("console:listen", problem.Key);
        Assert.Contains("IP:PORT", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_users_file_is_refused_even_on_loopback()
    {
        File.WriteAllText(Users, "alice:secret\n");

        var problem = Assert.Single(ConsoleSettingsCheck.Check(new ConsoleSettings("127.0.0.1:8480", Users)));

        Assert.Equal("console:usersFile", problem.Key);
        Assert.Contains(Users, problem.Message, StringComparison.Ordinal);
    }

    private void WriteTls()
    {
        File.WriteAllText(Certificate, "-----BEGIN CERTIFICATE-----\n");
        File.WriteAllText(Key, "-----BEGIN PRIVATE KEY-----\n");
    }
}
