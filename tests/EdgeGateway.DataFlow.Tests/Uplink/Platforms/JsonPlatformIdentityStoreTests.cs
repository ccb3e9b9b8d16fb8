using EdgeGateway.Uplink.Platforms;

namespace EdgeGateway.DataFlow.Tests.Uplink.Platforms;

public sealed class JsonPlatformIdentityStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "egw-identity-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void What_a_platform_changed_is_kept_across_restarts_per_platform()
    {
        var identity = new PlatformIdentity { Pw = "654321", Mn = "010000A8900016F000169DC0", RealTimeIntervalSeconds = 60 };
        new JsonPlatformIdentityStore(_directory).Save("province", identity);

        var reopened = new JsonPlatformIdentityStore(_directory);

        Assert.Equal(identity, reopened.Load("province"));
        Assert.Null(reopened.Load("city"));
    }

    [Fact]
    public void An_unreadable_identity_file_is_an_error_naming_the_file()
    {
        var store = new JsonPlatformIdentityStore(_directory);
        Directory.CreateDirectory(_directory);
        File.WriteAllText(store.PathOf("province"), "{ not json");

        var error = Assert.Throws<InvalidDataException>(() => store.Load("province"));

        Assert.Contains(store.PathOf("province"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_platform_name_cannot_reach_outside_the_directory()
    {
        var store = new JsonPlatformIdentityStore(_directory);

        Assert.Equal(_directory, Path.GetDirectoryName(store.PathOf("../../etc/passwd")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
