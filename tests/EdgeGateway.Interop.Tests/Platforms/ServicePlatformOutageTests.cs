using System.Text.Json;
using EdgeGateway.Control.Contract;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Interop.Tests.Cli;
using EdgeGateway.Interop.Tests.Mqtt;
using EdgeGateway.Interop.Tests.Peers;
using EdgeGateway.Interop.Tests.Service;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Simulator;
using EdgeGateway.Simulator.Hj212Platform;
using EdgeGateway.Simulator.Serving;

namespace EdgeGateway.Interop.Tests.Platforms;

/// <summary>
/// The built service as systemd runs it, reporting to one HJ 212-2017 platform simulator: it uploads minute records
/// and the 2081 restart notice, <c>egw platforms</c> shows the platform connected, a platform that stops listening for
/// a while is announced lost and then restored on MQTT, and its series of minute records has no gap over the outage.
/// </summary>
public sealed class ServicePlatformOutageTests
{
    private const string GatewayId = "platform-outage";
    private const string Mn = "88888880000007";
    private static readonly TimeSpan SiteOffset = TimeSpan.FromHours(8);

    [Fact]
    public async Task The_service_reports_to_a_platform_and_back_fills_its_minutes_after_it_was_unreachable_announcing_lost_and_restored()
    {
        PeerRequirements.RequireMosquitto();
        var directory = Directory.CreateTempSubdirectory("egw-platform-outage-").FullName;
        try
        {
            await using var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions());
            var profile = DeviceProfileLoader.LoadFile(Path.Combine(GatewayBinary.ProfileDirectory, "wastewater-cod-nh3n.json"));
            using var water = SimulatorServer.Start(ModbusEndpoint.Parse("tcp://127.0.0.1:0"), new Dictionary<byte, SimulatedAnalyzer> { [5] = new(profile, new SimulatedAnalyzerOptions()) }, new SimulatorServerOptions());
            await using var platform = Hj212PlatformSimulator.Start("127.0.0.1:0", new Hj212PlatformSimulatorOptions { Edition = Hj212Edition.Edition2017, ExpectedMn = Mn, ExpectedPw = "123456" });
            await using var subscriber = await PlatformSubscriber.ConnectAsync(broker.Port, $"egw/{GatewayId}/#");
            var configFile = Path.Combine(directory, "gateway.json");
            var socket = Path.Combine(directory, "control.sock");
            File.WriteAllText(configFile, Config(water.Endpoint.ToString(), broker.Port, platform.Endpoint.ToString(), directory, socket));

            using var gateway = GatewayProcess.Start(["--config", configFile]);

            // A closed minute and the restart notice reach the platform.
            Assert.True(
                await platform.WaitUntilAsync(() => platform.Store.TimesOf(Mn, "2051").Count > 0 && platform.Received.Any(packet => packet.Cn == "2081"), TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken),
                $"no 2051 and 2081 at the platform; received: {string.Join(", ", platform.Received.Select(packet => packet.Cn))}\n{gateway.Output}");
            var firstMinute = platform.Store.TimesOf(Mn, "2051")[0];

            var shown = Egw.Run("platforms", "--json", "--socket", socket);
            Assert.True(shown.ExitCode == 0, shown.ToString());
            var view = Assert.Single(JsonSerializer.Deserialize(shown.Output, ControlJsonContext.Default.ListPlatformLinkView)!);
            Assert.Equal("city", view.Name);
            Assert.True(view.Connected, shown.Output);
            Assert.True(view.PacketsSent > 0, shown.Output);

            // Unreachable for about twenty seconds: its connection closed, new ones refused.
            platform.StopListening();
            await Poll.UntilAsync(() => Events(subscriber, "platform-lost").Count > 0, TimeSpan.FromSeconds(60), () => "no platform-lost event:\n" + gateway.Output);
            await Task.Delay(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
            platform.ResumeListening();
            var resumedMinute = SiteMinute(DateTimeOffset.UtcNow);
            await Poll.UntilAsync(() => Events(subscriber, "platform-restored").Count > 0, TimeSpan.FromMinutes(3), () => "no platform-restored event:\n" + gateway.Output);

            // Every minute from the first one through the one after the platform came back, without a gap.
            var lastMinute = resumedMinute.AddMinutes(1);
            Assert.True(
                await platform.WaitUntilAsync(() => platform.Store.MissingMinutes(Mn, firstMinute, lastMinute).Count == 0, TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken),
                $"minutes missing at the platform: {string.Join(", ", platform.Store.MissingMinutes(Mn, firstMinute, lastMinute).Select(minute => minute.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)))}");
            Assert.Single(Events(subscriber, "platform-lost"));
            Assert.Single(Events(subscriber, "platform-restored"));
            Assert.True(platform.Problems.Count == 0, string.Join("; ", platform.Problems.Take(10)));

            Assert.Equal(0, gateway.Terminate(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static DateTime SiteMinute(DateTimeOffset time)
    {
        var site = time.ToOffset(SiteOffset).DateTime;
        return new DateTime(site.Year, site.Month, site.Day, site.Hour, site.Minute, 0);
    }

    private static List<string> Events(PlatformSubscriber subscriber, string kind) =>
        [.. subscriber.Messages
            .Where(message => message.Topic == $"egw/{GatewayId}/events" && message.Text.Contains($"\"{kind}\"", StringComparison.Ordinal) && message.Text.Contains("hj212:city", StringComparison.Ordinal))
            .Select(message => message.Text)];

    private static string Config(string waterEndpoint, int brokerPort, string platformEndpoint, string directory, string socket) => $$"""
        {
          "gatewayId": "{{GatewayId}}",
          "site": { "name": "a platform that goes away", "utcOffset": "+08:00" },
          "profileDirectories": [ "{{GatewayBinary.ProfileDirectory}}" ],
          "buses": [
            {
              "name": "cabinet-tcp",
              "port": "{{waterEndpoint}}",
              "timeout": "300ms",
              "devices": [ { "name": "water", "profile": "wastewater-cod-nh3n", "slave": 5, "pollInterval": "1s" } ]
            }
          ],
          "outlets": [ { "name": "DW001", "kind": "wastewater", "devices": [ "water" ], "flowChannel": "water.flow" } ],
          "uplink": {
            "broker": "mqtt://127.0.0.1:{{brokerPort}}",
            "clientId": "egw-outage-{{Guid.NewGuid().ToString("N")[..8]}}",
            "keepAlive": "5s",
            "batchDelay": "100ms"
          },
          "platforms": [
            { "name": "city", "address": "tcp://{{platformEndpoint}}", "mn": "{{Mn}}", "pw": "123456", "edition": "2017", "realTimeIntervalSeconds": 5 }
          ],
          "storage": { "directory": "{{Path.Combine(directory, "state")}}", "maxSize": "64MiB" },
          "control": { "socket": "{{socket}}" },
          "logging": { "level": "information" }
        }
        """;
}
