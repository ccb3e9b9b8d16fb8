using System.Text.Json;
using EdgeGateway.Interop.Tests.Cli;
using EdgeGateway.Interop.Tests.Mqtt;

namespace EdgeGateway.Interop.Tests.Service;

/// <summary><c>egw status</c> against the running service (a child process) over its control socket, and without it.</summary>
public sealed class EgwStatusTests
{
    [Fact]
    public async Task Egw_status_shows_the_running_gateway_and_its_devices()
    {
        await using var site = await ServiceTestSite.StartAsync();
        using var gateway = site.StartGateway();
        await Poll.UntilAsync(() => PlatformStream.Readings(site.Platform.Messages).Count >= 30, TimeSpan.FromSeconds(60), () => "30 readings\n" + gateway.Output);

        var text = Egw.Run("status", "--socket", site.ControlSocket);
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains($"gateway {ServiceTestSite.GatewayId} (end-to-end test)", text.Output, StringComparison.Ordinal);
        Assert.Contains("healthy", text.Output, StringComparison.Ordinal);
        Assert.Contains("bus rs485-1 (", text.Output, StringComparison.Ordinal);
        Assert.Matches(@"dust\s+slave\s+2\s+ok\s+last answer", text.Output);
        Assert.Matches(@"cems\s+slave\s+1\s+ok", text.Output);
        Assert.Contains("connected, backlog", text.Output, StringComparison.Ordinal);
        Assert.Matches(@"\nclock system, (synchronised|NOT synchronised|synchronisation unknown)", text.Output);
        Assert.Contains("\nalarms: none active", text.Output, StringComparison.Ordinal);
        var alarms = Egw.Run("alarms", "--socket", site.ControlSocket);
        Assert.True(alarms.ExitCode == 0, alarms.ToString());
        Assert.Equal("no active alarms", alarms.Output.Trim());

        var json = Egw.Run("status", "--json", "--socket", site.ControlSocket);
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        var buses = document.RootElement.GetProperty("health").GetProperty("buses");
        Assert.Equal(2, buses.GetArrayLength());
        Assert.True(buses[0].GetProperty("devices")[0].GetProperty("cycles").GetInt64() > 0);
        Assert.True(document.RootElement.GetProperty("health").GetProperty("uplink").GetProperty("connected").GetBoolean());
        Assert.Equal("system", document.RootElement.GetProperty("health").GetProperty("clock").GetProperty("source").GetString());

        Assert.Equal(0, gateway.Terminate(TimeSpan.FromSeconds(10)));
        Assert.False(File.Exists(site.ControlSocket), "the socket is removed at a clean stop");

        var stopped = Egw.Run("status", "--socket", site.ControlSocket);
        Assert.Equal(3, stopped.ExitCode);
        Assert.Contains("not running", stopped.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Egw_status_shows_a_tcp_device_whose_simulator_is_gone_as_port_lost_with_its_transport_errors()
    {
        // Issue 17, item 6, end to end: the CEMS's Modbus TCP simulator goes away (listener and connection closed).
        // The defect itself (a second device on the lost port without transport errors) is BusPollerTests'.
        await using var site = await ServiceTestSite.StartAsync();
        using var gateway = site.StartGateway();
        await Poll.UntilAsync(() => PlatformStream.Readings(site.Platform.Messages).Count(reading => reading.Channel == "cems.so2") >= 3, TimeSpan.FromSeconds(60), () => "3 CEMS readings\n" + gateway.Output);

        site.StopCems();
        var text = string.Empty;
        await Poll.UntilAsync(
            () =>
            {
                text = Egw.Run("status", "--socket", site.ControlSocket).Output;
                return CemsLine(text) is { } line && !line.Contains(" ok ", StringComparison.Ordinal) && !line.Contains(" 0 transport errors", StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(60),
            () => "the CEMS not ok, with transport errors, in egw status:\n" + text + "\n" + gateway.Output);

        Assert.Matches(@"cems\s+slave\s+1\s+(PORT LOST|NO ANSWER)", text);
        Assert.Matches(@"cems .*, [1-9]\d* transport errors", text);
        var json = JsonDocument.Parse(Egw.Run("status", "--json", "--socket", site.ControlSocket).Output).RootElement;
        var cems = json.GetProperty("health").GetProperty("buses").EnumerateArray().SelectMany(bus => bus.GetProperty("devices").EnumerateArray()).Single(device => device.GetProperty("name").GetString() == "cems");
        Assert.True(cems.GetProperty("transportErrors").GetInt64() > 0, cems.GetRawText());
        Assert.True(cems.GetProperty("portLost").GetBoolean() || cems.GetProperty("degraded").GetBoolean(), cems.GetRawText());
        Assert.Equal(0, gateway.Terminate(TimeSpan.FromSeconds(10)));
    }

    private static string? CemsLine(string status) =>
        status.Split('\n').FirstOrDefault(line => line.TrimStart().StartsWith("cems ", StringComparison.Ordinal));
}
