using EdgeGateway.Configuration;

namespace EdgeGateway.Service.Tests.Configuration;

public sealed class ConfigValuesTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("5s", 5_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("10m", 600_000)]
    [InlineData("10min", 600_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("7d", 604_800_000)]
    [InlineData(" 30s ", 30_000)]
    [InlineData("00:00:30", 30_000)]
    public void Durations_parse(string text, long milliseconds)
    {
        Assert.True(ConfigValues.TryParseDuration(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("5")]
    [InlineData("-5s")]
    [InlineData("5 parsecs")]
    [InlineData("NaNs")]
    [InlineData("1e300d")]
    public void Bad_durations_are_refused(string text) => Assert.False(ConfigValues.TryParseDuration(text, out _));

    [Theory]
    [InlineData("1048576", 1L << 20)]
    [InlineData("512MiB", 512L << 20)]
    [InlineData("2GiB", 2L << 30)]
    [InlineData("1.5GiB", 3L << 29)]
    [InlineData("100MB", 100_000_000)]
    [InlineData("64 KiB", 64L << 10)]
    public void Sizes_parse(string text, long bytes)
    {
        Assert.True(ConfigValues.TryParseSize(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("big")]
    [InlineData("-1GiB")]
    [InlineData("2 GB of RAM")]
    public void Bad_sizes_are_refused(string text) => Assert.False(ConfigValues.TryParseSize(text, out _));

    [Theory]
    [InlineData("buses:0:devices:1:profile", "buses[0].devices[1].profile")]
    [InlineData("uplink:hj212:mn", "uplink.hj212.mn")]
    [InlineData("gatewayId", "gatewayId")]
    public void Key_paths_read_as_in_the_file(string configurationPath, string display) =>
        Assert.Equal(display, ConfigKeyPath.ToDisplay(configurationPath));
}
