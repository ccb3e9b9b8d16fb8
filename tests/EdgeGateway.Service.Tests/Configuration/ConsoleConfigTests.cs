using EdgeGateway.Configuration;
using EdgeGateway.Control.Contract.Console;

namespace EdgeGateway.Service.Tests.Configuration;

/// <summary>
/// gateway.json's <c>console</c> section (issue 17): the service does not run the web console, but --check-config
/// applies the console's own rule, so a LAN listen without a users file or TLS is refused before anyone starts it.
/// </summary>
public sealed class ConsoleConfigTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("egw-console-config-").FullName;

    private static string Profiles => Path.Combine(AppContext.BaseDirectory, "profiles");

    private string File_ => Path.Combine(_directory, "gateway.json");

    private string Users => Path.Combine(_directory, "console-users");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Check_config_refuses_a_lan_listen_without_a_users_file_naming_console_listen_and_the_files()
    {
        WriteTls();
        File.WriteAllText(File_, Config($$"""{ "listen": "0.0.0.0:8443", "usersFile": "{{Users}}", "tls": { "certificate": "{{_directory}}/console.crt", "key": "{{_directory}}/console.key" } }"""));

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = ConfigCheck.Run(File_, "test", json: false, output, error);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.ToString().Split('\n'), text => text.Contains("console.listen", StringComparison.Ordinal));
        Assert.Contains(File_, line, StringComparison.Ordinal);
        Assert.Contains(Users, line, StringComparison.Ordinal);
        Assert.Contains("egw console user add", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_config_refuses_a_lan_listen_with_users_but_without_tls()
    {
        ConsoleUserFile.Empty.WithUser("alice", "correct horse", 1_000).Save(Users);

        var settings = GatewayConfigLoader.Load(Write(Config($$"""{ "listen": "192.168.1.20:8443", "usersFile": "{{Users}}" }""")), "test", [Profiles], out var errors);

        Assert.Null(settings);
        var problem = Assert.Single(errors);
        Assert.Equal("console.listen", problem.Key);
        Assert.Equal(File_, problem.Source);
        Assert.Contains("tls", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lan_listen_with_users_and_tls_passes_and_so_does_the_loopback_default()
    {
        WriteTls();
        ConsoleUserFile.Empty.WithUser("alice", "correct horse", 1_000).Save(Users);

        GatewayConfigLoader.Load(Write(Config($$"""{ "listen": "0.0.0.0:8443", "usersFile": "{{Users}}", "tls": { "certificate": "{{_directory}}/console.crt", "key": "{{_directory}}/console.key" } }""")), "test", [Profiles], out var lan);
        GatewayConfigLoader.Load(Write(Config("""{ }""")), "test", [Profiles], out var loopback);
        GatewayConfigLoader.Load(Write(Config(null)), "test", [Profiles], out var absent);

        Assert.Empty(lan);
        Assert.Empty(loopback);
        Assert.Empty(absent);
    }

    [Fact]
    public void A_misspelt_console_key_is_an_unknown_key()
    {
        var settings = GatewayConfigLoader.Load(Write(Config("""{ "listenOn": "0.0.0.0:8443" }""")), "test", [Profiles], out var errors);

        Assert.Null(settings);
        var problem = Assert.Single(errors);
        Assert.Equal("console.listenOn", problem.Key);
        Assert.Contains("listen", problem.Message, StringComparison.Ordinal);
    }

    private void WriteTls()
    {
        File.WriteAllText(Path.Combine(_directory, "console.crt"), "-----BEGIN CERTIFICATE-----\n");
        File.WriteAllText(Path.Combine(_directory, "console.key"), "-----BEGIN PRIVATE KEY-----\n");
    }

    private string Write(string json)
    {
        File.WriteAllText(File_, json);
        return File_;
    }

    private string Config(string? console) => $$"""
        {
          "gatewayId": "gw",
          "profileDirectories": [ "{{Profiles}}" ],
          "buses": [ { "name": "tcp-1", "port": "tcp://127.0.0.1:502", "devices": [ { "name": "cems", "profile": "cems-flue-gas", "slave": 1 } ] } ],
          "outlets": [ { "name": "DA001", "kind": "flueGas", "devices": [ "cems" ], "oxygenChannel": "cems.o2", "referenceOxygenPercent": 6 } ],
          "uplink": { "broker": "mqtt://127.0.0.1" },
          "storage": { "directory": "{{_directory}}/state" }{{(console is null ? string.Empty : ",\n  \"console\": " + console)}}
        }
        """;
}
