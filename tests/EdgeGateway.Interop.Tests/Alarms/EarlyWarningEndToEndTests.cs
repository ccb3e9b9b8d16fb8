using System.Text;
using System.Text.Json;
using EdgeGateway.FieldBus.Profiles;
using EdgeGateway.Interop.Tests.Mqtt;
using EdgeGateway.Interop.Tests.Peers;
using EdgeGateway.Interop.Tests.Service;
using EdgeGateway.Modbus.Client;
using EdgeGateway.Simulator;
using EdgeGateway.Simulator.Serving;
using EdgeGateway.Simulator.Signals;
using MQTTnet.Formatter;

namespace EdgeGateway.Interop.Tests.Alarms;

/// <summary>
/// Early warning end to end on a virtual clock: the simulator drives a CEMS's SO2 over its ultra-low limit for more
/// than an hour and a wastewater analyzer's COD over its limit twice; the service's runtime polls them over Modbus TCP,
/// aggregates, judges the limits and publishes to mosquitto. The platform must see the pre-warning, the exceedance and
/// their clearing in order, and the sampler must be told to keep a sample exactly once per COD episode, as the
/// simulator itself counts.
/// </summary>
public sealed class EarlyWarningEndToEndTests
{
    private const string GatewayId = "alarms";

    // Local 08:00 at the site (UTC+8); whole hours are whole hours in either.
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Two_hours_of_virtual_time_give_the_platform_pre_warning_exceedance_and_clearing_in_order_and_one_sample_per_episode()
    {
        PeerRequirements.RequireMosquitto();
        var directory = Directory.CreateTempSubdirectory("egw-early-warning-").FullName;
        var clock = new VirtualFieldClock(Start);
        var cems = new SimulatedAnalyzer(Profile("cems-flue-gas.json"), new SimulatedAnalyzerOptions { Clock = clock });
        var water = new SimulatedAnalyzer(Profile("wastewater-cod-nh3n.json"), new SimulatedAnalyzerOptions { Clock = clock });

        // O2 at the reference 6 %, so the converted SO2 is the measured one. SO2 runs at 20, climbs to 50 from 00:05
        // and stays there until 01:22: the first hour averages about 47 (over 35), the second about 31 (under 33.25,
        // the limit less its 5 % hysteresis).
        cems.SetSignal("o2", new ConstantSignal(6));
        cems.SetSignal("so2", new ExcursionSignal(new ConstantSignal(20), 30, Start.AddMinutes(5), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(75), TimeSpan.FromMinutes(2)));

        // COD passes 100 mg/L for about ten minutes twice (from the minute ending 00:22 and 01:22; the minute of the
        // climb averages 95): two episodes, two samples.
        water.SetSignal("cod", new ExcursionSignal(new ConstantSignal(40), 110, Start.AddMinutes(20), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1), repeatEvery: TimeSpan.FromHours(1)));

        await using var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions());
        using var server = SimulatorServer.Start(ModbusEndpoint.Parse("tcp://127.0.0.1:0"), new Dictionary<byte, SimulatedAnalyzer> { [1] = cems, [5] = water }, new SimulatorServerOptions { UpdateInterval = TimeSpan.Zero });
        await using var platform = await PlatformSubscriber.ConnectAsync(broker.Port, $"egw/{GatewayId}/#");
        var configFile = Path.Combine(directory, "gateway.json");
        File.WriteAllText(configFile, Config(server.Endpoint.ToString(), broker.Port, directory));
        try
        {
            await using (var gateway = VirtualClockGateway.Start(configFile, clock))
            {
                gateway.Play(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5), now =>
                {
                    cems.Update(now);
                    water.Update(now);
                });
                await gateway.Runtime.Alarms.WhenSamplesAnswered();
                await Poll.UntilAsync(() => AlarmEvent.Read(platform).Any(e => e.Key == "cems.so2" && e.Rule == "exceedance" && e.Change == "cleared") && AlarmEvent.Read(platform).Count(e => e.Key == "water.cod" && e.Change is "cleared" or "sampleRetained") == 4, TimeSpan.FromSeconds(60), () => Describe(gateway, platform));

                // The platform asks for a sample itself (HJ 212 CN 3015): the next bottle, with its time.
                await using var operatorClient = await MqttTestClient.ConnectAsync(broker.Port, "platform-operator", MqttProtocolVersion.V500, $"egw/{GatewayId}/reply/#");
                await operatorClient.PublishAsync($"egw/{GatewayId}/cmd/retain-sample", """{"device":"water"}""", $"egw/{GatewayId}/reply/s1", Encoding.UTF8.GetBytes("s1"));
                var replies = await gateway.ServeBusesUntil(operatorClient.WaitForAsync(received => received.Any(message => message.Topic == $"egw/{GatewayId}/reply/s1"), TimeSpan.FromSeconds(20), "the retain-sample reply"));
                using var reply = JsonDocument.Parse(replies.First(message => message.Topic == $"egw/{GatewayId}/reply/s1").Payload);
                Assert.True(reply.RootElement.GetProperty("ok").GetBoolean(), reply.RootElement.GetRawText());
                Assert.Equal(3, reply.RootElement.GetProperty("result").GetProperty("vaseNo").GetInt32());
                // The command handler is on the uplink's side, on real time.
                Assert.Matches("^20[0-9]{12}$", reply.RootElement.GetProperty("result").GetProperty("dataTime").GetString());
            }

            // Updates (a new peak of the same episode) may come between; the lifecycle is in this order.
            var so2 = AlarmEvent.Read(platform).Where(e => e.Key == "cems.so2").ToList();
            var lifecycle = so2.Where(e => e.Change != "updated").Select(e => $"{e.Rule} {e.Change}").ToList();
            Assert.True(lifecycle.SequenceEqual(["preWarning raised", "exceedance raised", "preWarning cleared", "exceedance cleared"]), string.Join('\n', so2.Select(e => e.Text)));
            var exceedance = AlarmEvent.Read(platform).First(e => e.Key == "cems.so2" && e.Rule == "exceedance");
            Assert.StartsWith("exceedance raised on cems.so2: hourly converted average 4", exceedance.Text, StringComparison.Ordinal);
            Assert.EndsWith("over the limit 35, 2026-03-02T00:00Z..01:00Z", exceedance.Text, StringComparison.Ordinal);

            // Each COD episode asked the sampler once, and the platform's retain-sample once more: the simulator counts
            // the writes of its retainSample register, and the platform has each bottle.
            var cod = AlarmEvent.Read(platform).Where(e => e.Key == "water.cod" && e.Change != "updated").ToList();
            Assert.True(
                cod.Select(e => e.Change).SequenceEqual(["raised", "sampleRetained", "cleared", "raised", "sampleRetained", "cleared"]),
                string.Join('\n', cod.Select(e => e.Text)));
            Assert.Equal(3, water.TimesExecuted("retainSample"));
            Assert.True(cod[1].Text.StartsWith("sample retained by water in bottle 1 for the exceedance on water.cod raised 2026-03-02T00:22Z", StringComparison.Ordinal), cod[1].Text);
            Assert.True(cod[4].Text.StartsWith("sample retained by water in bottle 2 for the exceedance on water.cod raised 2026-03-02T01:22Z", StringComparison.Ordinal), cod[4].Text);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Describe(VirtualClockGateway gateway, PlatformSubscriber platform)
    {
        var runtime = gateway.Runtime;
        var health = string.Join("; ", runtime.Buses.SelectMany(bus => bus.Health).Select(device => $"{device.DeviceName}: {device.Cycles} cycles, {device.Timeouts} timeouts, {device.Exceptions} exceptions"));
        return $"""
            at {gateway.Clock.GetUtcNow():O}: {runtime.Consumer.Consumed} readings consumed, outbox up to {runtime.Outbox.LastSequence}, {runtime.Publisher.Statistics.MessagesAcknowledged} messages acknowledged, link connected {runtime.Link.IsConnected}
            {health}
            active: {string.Join("; ", runtime.Alarms.Active.Select(alarm => $"{alarm.Key} {alarm.Rule} {alarm.Value}"))}
            {platform.Messages.Count} messages at the platform; alarm events:
            {string.Join('\n', AlarmEvent.Read(platform).Select(e => e.Text))}
            """;
    }

    private static DeviceProfile Profile(string file) => DeviceProfileLoader.LoadFile(Path.Combine(GatewayBinary.ProfileDirectory, file));

    private static string Config(string endpoint, int brokerPort, string directory) => $$"""
        {
          "gatewayId": "{{GatewayId}}",
          "site": { "name": "early warning, virtual clock", "utcOffset": "+08:00" },
          "buses": [
            {
              "name": "cabinet-tcp",
              "port": "{{endpoint}}",
              "timeout": "300ms",
              "devices": [
                { "name": "cems", "profile": "cems-flue-gas", "slave": 1, "pollInterval": "5s" },
                { "name": "water", "profile": "wastewater-cod-nh3n", "slave": 5, "pollInterval": "5s" }
              ]
            }
          ],
          "outlets": [
            { "name": "DA001", "kind": "flueGas", "devices": [ "cems" ], "oxygenChannel": "cems.o2", "referenceOxygenPercent": 6, "flowChannel": "cems.flow" },
            { "name": "DW001", "kind": "wastewater", "devices": [ "water" ], "flowChannel": "water.flow" }
          ],
          "limits": [
            { "channel": "cems.so2", "quantity": "hourlyConverted", "limit": 35, "unit": "mg/m³", "preWarning": 0.8, "preWarningWindow": "15m" },
            { "channel": "water.cod", "quantity": "realTime", "limit": 100, "unit": "mg/L", "preWarning": 0, "sampler": "water" }
          ],
          "uplink": {
            "broker": "mqtt://127.0.0.1:{{brokerPort}}",
            "clientId": "egw-alarms-{{Guid.NewGuid().ToString("N")[..8]}}",
            "keepAlive": "5s",
            "batchDelay": "100ms"
          },
          "storage": { "directory": "{{Path.Combine(directory, "state")}}", "maxSize": "64MiB" },
          "control": { "socket": "{{Path.Combine(directory, "control.sock")}}" }
        }
        """;
}
