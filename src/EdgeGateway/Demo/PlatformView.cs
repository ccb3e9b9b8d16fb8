using System.Globalization;
using System.Text;
using System.Text.Json;
using MQTTnet;

namespace EdgeGateway.Demo;

/// <summary>
/// What the park platform receives: an MQTT subscriber on the broker that prints one readable line per message
/// (readings batches, the pollutants' minute records, events and status).
/// </summary>
internal sealed class PlatformView : IAsyncDisposable
{
    private static readonly string[] Pollutants = ["a21026", "a21002", "a34013", "a21005", "w01018", "w21003", "w21011", "w21001"];

    private readonly IMqttClient _client;
    private readonly TextWriter _output;
    private readonly Lock _gate = new();

    private PlatformView(IMqttClient client, TextWriter output)
    {
        _client = client;
        _output = output;
    }

    public static async Task<PlatformView> StartAsync(string host, int port, string topicRoot, TextWriter output)
    {
        var factory = new MqttClientFactory();
        var client = factory.CreateMqttClient();
        var view = new PlatformView(client, output);
        client.ApplicationMessageReceivedAsync += e =>
        {
            view.Print(e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString());
            return Task.CompletedTask;
        };
        var options = factory.CreateClientOptionsBuilder().WithTcpServer(host, port).WithClientId($"demo-platform-{Environment.ProcessId}").Build();
        await client.ConnectAsync(options).ConfigureAwait(false);
        await client.SubscribeAsync(factory.CreateSubscribeOptionsBuilder().WithTopicFilter($"{topicRoot}/#").Build()).ConfigureAwait(false);
        return view;
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisconnectAsync().ConfigureAwait(false);
        _client.Dispose();
    }

    private void Print(string topic, string payload)
    {
        string? line;
        try
        {
            using var document = JsonDocument.Parse(payload);
            line = Describe(topic, document.RootElement);
        }
        catch (JsonException)
        {
            line = $"{topic}: {payload}";
        }

        if (line is not null)
        {
            lock (_gate)
            {
                _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.Now:HH:mm:ss} platform ← {line}"));
            }
        }
    }

    private static string? Describe(string topic, JsonElement root)
    {
        var suffix = topic[(topic.IndexOf('/', topic.IndexOf('/', StringComparison.Ordinal) + 1) + 1)..];
        if (root.TryGetProperty("resent", out var resent) && resent.ValueKind == JsonValueKind.True)
        {
            // A history re-send (egw outbox resend, or the platform's history command): the same sequences again.
            suffix += " (re-sent)";
        }

        if (root.TryGetProperty("readings", out var readings))
        {
            var flags = readings.EnumerateArray().GroupBy(reading => reading.GetProperty("flag").GetString()).OrderBy(group => group.Key, StringComparer.Ordinal)
                .Select(group => $"{group.Key}×{group.Count()}");
            var sample = readings.EnumerateArray().FirstOrDefault(reading => Pollutants.Contains(reading.GetProperty("code").GetString()) && reading.TryGetProperty("value", out _));
            var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{suffix} seq {root.GetProperty("firstSequence")}-{root.GetProperty("lastSequence")}: {readings.GetArrayLength()} readings, flags {string.Join(' ', flags)}");
            if (sample.ValueKind == JsonValueKind.Object)
            {
                text.Append(CultureInfo.InvariantCulture, $"; e.g. {sample.GetProperty("channel").GetString()} = {sample.GetProperty("value").GetDouble():0.##} {sample.GetProperty("unit").GetString()} {sample.GetProperty("flag").GetString()}");
            }

            return text.ToString();
        }

        if (root.TryGetProperty("record", out var record))
        {
            if (!Pollutants.Contains(record.GetProperty("code").GetString()))
            {
                return null;
            }

            var zs = record.TryGetProperty("zsAvg", out var zsAvg) && zsAvg.ValueKind == JsonValueKind.Number ? string.Create(CultureInfo.InvariantCulture, $" zs={zsAvg.GetDouble():0.##}") : string.Empty;
            var avg = record.TryGetProperty("avg", out var average) && average.ValueKind == JsonValueKind.Number ? string.Create(CultureInfo.InvariantCulture, $"{average.GetDouble():0.##}") : "—";
            return string.Create(CultureInfo.InvariantCulture, $"{suffix} seq {root.GetProperty("firstSequence")}: {record.GetProperty("channel").GetString()} {record.GetProperty("start").GetString()} avg={avg}{zs} flag {record.GetProperty("flag").GetString()}, {(record.GetProperty("valid").GetBoolean() ? "valid" : "invalid")} ({record.GetProperty("validCount")} of {record.GetProperty("totalCount")} samples valid)");
        }

        if (root.TryGetProperty("event", out var gatewayEvent) && gatewayEvent.TryGetProperty("text", out var eventText))
        {
            // One line a person reads (an alarm, a door, a calibration); the detail is on the topic for a program.
            return $"{suffix} seq {gatewayEvent.GetProperty("sequence")}: {gatewayEvent.GetProperty("kind").GetString()}: {eventText.GetString()}";
        }

        return $"{suffix}: {root.GetRawText()}";
    }
}
