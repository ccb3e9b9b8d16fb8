using System.Globalization;
using System.Text.Json;
using EdgeGateway.Demo;
using EdgeGateway.Hosting.Health;
using EdgeGateway.Pipeline.Alarms;
using EdgeGateway.Uplink.Commands;
using EdgeGateway.Uplink.Platforms;

namespace EdgeGateway.Service.Tests.Demo;

/// <summary>
/// The demo's own lines (issue 17, item 3): a short status line in place of the 1,800-character health document,
/// alarms kept on screen while active, alarm events marked and coloured only on a terminal.
/// </summary>
public sealed class DemoScreenTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 1, 3, 30, TimeSpan.Zero);

    [Fact]
    public void The_status_line_says_devices_backlog_links_and_no_alarm_in_one_short_line()
    {
        var line = DemoStatusLine.Describe(Health(degradedDevice: null), [Platform(connected: true)], [], colour: false);

        Assert.Equal($"{At.ToLocalTime():HH:mm:ss} status: devices 2 of 2 answering; backlog 82 records; MQTT connected; HJ 212 demo-hj212 connected; alarms: none", line);
    }

    [Fact]
    public void A_device_down_and_an_active_alarm_are_repeated_in_the_status_line_marked_and_red_on_a_terminal()
    {
        var alarm = new ActiveAlarm("cems.so2", AlarmRule.PreWarning, LimitQuantity.HourlyConverted, 35, 28, At.AddSeconds(-30), 40.15, 45.04, At.AddMinutes(-3), At.AddSeconds(-30));
        var plain = DemoStatusLine.Describe(Health(degradedDevice: "cems"), [Platform(connected: false)], [alarm], colour: false);
        var coloured = DemoStatusLine.Describe(Health(degradedDevice: "cems"), [Platform(connected: false)], [alarm], colour: true);

        Assert.Contains("devices 1 of 2 answering (down: cems)", plain, StringComparison.Ordinal);
        Assert.Contains("HJ 212 demo-hj212 refused", plain, StringComparison.Ordinal);
        Assert.EndsWith(string.Create(CultureInfo.InvariantCulture, $"; !!! ALARMS ACTIVE: cems.so2 pre-warning since {At.AddSeconds(-30).ToLocalTime():HH:mm} (40.15 over 28)"), plain, StringComparison.Ordinal);
        Assert.Equal("\u001b[1;31m" + plain + "\u001b[0m", coloured);
    }

    [Theory]
    [InlineData("raised", "\u001b[1;31m")]
    [InlineData("cleared", "\u001b[1;32m")]
    public void An_alarm_event_is_a_marked_line_red_when_raised_and_green_when_cleared(string change, string colour)
    {
        using var document = JsonDocument.Parse($$$"""{"sequence":7,"kind":"alarm","text":"pre-warning {{{change}}} on cems.so2","detail":{"change":"{{{change}}}"}}""");

        Assert.Equal($"!!! ALARM pre-warning {change} on cems.so2", DemoAlarmLine.Describe(document.RootElement, colour: false));
        Assert.Equal($"{colour}!!! ALARM pre-warning {change} on cems.so2\u001b[0m", DemoAlarmLine.Describe(document.RootElement, colour: true));
    }

    [Fact]
    public void Other_events_are_not_alarm_lines()
    {
        using var document = JsonDocument.Parse("""{"sequence":7,"kind":"comm-loss","text":"no answer from dust"}""");

        Assert.Null(DemoAlarmLine.Describe(document.RootElement, colour: false));
    }

    [Fact]
    public void The_legend_explains_flags_zs_and_valid_in_lines_of_at_most_120_characters()
    {
        var legend = string.Join('\n', DemoLegend.Lines);

        Assert.Contains("N normal, B no answer from the analyzer", legend, StringComparison.Ordinal);
        Assert.Contains("zs= the same converted", legend, StringComparison.Ordinal);
        Assert.Contains("valid when enough samples were N or S", legend, StringComparison.Ordinal);
        Assert.All(DemoLegend.Lines, line => Assert.True(line.Length <= 120, line));
    }

    private static GatewayHealth Health(string? degradedDevice) => new(
        At,
        200,
        Healthy: true,
        Problem: null,
        [new BusHealth("flue-gas", "tcp://127.0.0.1:502", true, 0, [Device("cems", degradedDevice), Device("dust", degradedDevice)])],
        new PipelineHealth(true, 1000, 0, 22),
        new StorageHealth("/tmp/outbox.db", 4096, 1 << 28, 1000, 918, 0, 0, null),
        new UplinkHealth("mqtt://127.0.0.1:1883", "Connected", true, 1, 82, 2.1, 10, 0),
        new ClockStatus("system", true, null));

    private static DeviceHealthSummary Device(string name, string? degradedDevice) =>
        new(name, 1, "profile", name == degradedDevice, At, 100, 0, 0, 0, 0, 0, null, false, null);

    private static PlatformStatus Platform(bool connected) => new()
    {
        Name = "demo-hj212",
        Address = "tcp://127.0.0.1:41053",
        Edition = "2017",
        Enabled = true,
        Connected = connected,
        NotConnectedReason = connected ? null : "refused",
    };
}
