using System.Globalization;
using System.Text;
using EdgeGateway.Hosting.Health;
using EdgeGateway.Pipeline.Alarms;
using EdgeGateway.Uplink.Platforms;

namespace EdgeGateway.Demo;

/// <summary>
/// The demo's short status line, in place of the status topic's health document (some 1,800 characters a minute):
/// devices answering or down, the outbox backlog, the MQTT and HJ 212 links, and the active alarms, repeated while
/// they last so that an alarm stays on screen after its event line has scrolled away.
/// </summary>
internal static class DemoStatusLine
{
    public static string Describe(GatewayHealth health, IReadOnlyList<PlatformStatus> platforms, IReadOnlyList<ActiveAlarm> alarms, bool colour)
    {
        var devices = health.Buses.SelectMany(bus => bus.Devices).ToList();
        var down = devices.Where(device => device.Degraded || device.PortLost || device.LastAnswer is null).Select(device => device.Name).ToList();
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{health.At.ToLocalTime():HH:mm:ss} status: devices {devices.Count - down.Count} of {devices.Count} answering");
        if (down.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" (down: {string.Join(", ", down)})");
        }

        text.Append(CultureInfo.InvariantCulture, $"; backlog {health.Uplink.BacklogRecords} records; MQTT {(health.Uplink.Connected ? "connected" : health.Uplink.State)}");
        foreach (var platform in platforms)
        {
            text.Append(CultureInfo.InvariantCulture, $"; HJ 212 {platform.Name} {(platform.Connected ? "connected" : platform.NotConnectedReason ?? "not connected")}");
        }

        if (alarms.Count == 0)
        {
            return text.Append("; alarms: none").ToString();
        }

        var active = alarms.Select(alarm => string.Create(CultureInfo.InvariantCulture, $"{alarm.Key} {Rule(alarm.Rule)} since {alarm.RaisedAt.ToLocalTime():HH:mm} ({alarm.Value:0.##} over {alarm.Threshold:0.##})"));
        return DemoAlarmLine.Alert(text.Append(CultureInfo.InvariantCulture, $"; {DemoAlarmLine.Marker} ALARMS ACTIVE: {string.Join(", ", active)}").ToString(), colour);
    }

    private static string Rule(AlarmRule rule) => rule == AlarmRule.PreWarning ? "pre-warning" : "exceedance";
}
