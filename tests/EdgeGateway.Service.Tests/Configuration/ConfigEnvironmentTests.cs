using EdgeGateway.Configuration;

namespace EdgeGateway.Service.Tests.Configuration;

/// <summary>
/// Issue 14, defect 5, through EGW_ variables: an odd value set in the environment is a keyed error naming the
/// variable, never a crash. Environment variables are the process's, so these run alone (see the collection).
/// </summary>
[Collection(nameof(ProcessEnvironmentCollection))]
public sealed class ConfigEnvironmentTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("egw-envconfig-").FullName;
    private readonly List<string> _set = [];

    private static string Profiles => Path.Combine(AppContext.BaseDirectory, "profiles");

    public void Dispose()
    {
        foreach (var name in _set)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData("EGW_site__utcOffset", "+14:01", "site.utcOffset")]
    [InlineData("EGW_site__utcOffset", "+15:00", "site.utcOffset")]
    [InlineData("EGW_site__utcOffset", "+25:00", "site.utcOffset")]
    [InlineData("EGW_uplink__batchSize", "lots", "uplink.batchSize")]
    [InlineData("EGW_uplink__batchSize", "99999999999999999999", "uplink.batchSize")]
    [InlineData("EGW_buses__0__devices__0__pollInterval", "-1s", "buses[0].devices[0].pollInterval")]
    [InlineData("EGW_buses__0__devices__0__slave", " ", "buses[0].devices[0].slave")]
    [InlineData("EGW_storage__maxSize", "1e999GiB", "storage.maxSize")]
    [InlineData("EGW_uplink__replyTopicRoot", "$SYS/x", "uplink.replyTopicRoot")]
    public void Odd_environment_values_get_a_keyed_error_naming_the_variable(string variable, string value, string key)
    {
        Set(variable, value);
        var file = Path.Combine(_directory, "gateway.json");
        File.WriteAllText(file, $$"""
            { "gatewayId": "gw", "profileDirectories": [ "{{Profiles}}" ],
              "buses": [ { "port": "tcp://127.0.0.1:502", "devices": [ { "name": "cems", "profile": "cems-flue-gas", "slave": 1 } ] } ],
              "uplink": { "broker": "mqtt://127.0.0.1" }, "storage": { "directory": "{{_directory}}/state" } }
            """);

        var settings = GatewayConfigLoader.Load(file, "test", [Profiles], out var errors);

        Assert.Null(settings);
        var error = Assert.Single(errors, error => error.Key == key);
        Assert.Equal("environment variable " + variable, error.Source);
    }

    private void Set(string name, string value)
    {
        _set.Add(name);
        Environment.SetEnvironmentVariable(name, value);
    }
}
