using System.Globalization;
using System.Text.Json;
using MQTTnet;

namespace EdgeGateway.Demo;

/// <summary>
/// What the park platform receives: an MQTT subscriber on the broker that prints one readable line per message
/// (the readings batches summed every 10 s, the pollutants' minute records, events, alarms marked, status changes).
/// The health document of the status topic is left to <see cref="DemoStatusPrinter"/>'s short line.
/// </summary>
internal sealed class PlatformView : IAsyncDisposable
{
    private static readonly string[] Pollutants = ["a21026", "a21002", "a34013", "a21005", "w01018", "w21003", "w21011", "w21001"];

    private readonly IMqttClient _client;
    private readonly TextWriter _output;
    private readonly bool _colour;
    private readonly DemoReadingsLine _readings = new(TimeProvider.System);
    private readonly Lock _gate = new();

    private PlatformView(IMqttClient client, TextWriter output, bool colour)
    {
        _client = client;
        _output = output;
        _colour = colour;
    }

    /// <param name="colour">Whether the output is a terminal: alarm lines are coloured then.</param>
    public static async Task<PlatformView> StartAsync(string host, int port, string topicRoot, TextWriter output, bool colour)
    {
        var factory = new MqttClientFactory();
        var client = factory.CreateMqttClient();
        var view = new PlatformView(client, output, colour);
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
        // Under the lock as a whole: the readings summary accumulates across messages.
        lock (_gate)
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
                _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.Now:HH:mm:ss} platform ← {line}"));
            }
        }
    }

    private static string? DescribeAggregate(string suffix, JsonElement record)
    {
        if (!Pollutants.Contains(record.GetProperty("code").GetString()))
        {
            return null;
        }

        var zs = record.TryGetProperty("zsAvg", out var zsAvg) && zsAvg.ValueKind == JsonValueKind.Number ? string.Create(CultureInfo.InvariantCulture, $" zs={zsAvg.GetDouble():0.##}") : string.Empty;
        var avg = record.TryGetProperty("avg", out var average) && average.ValueKind == JsonValueKind.Number ? string.Create(CultureInfo.InvariantCulture, $"{average.GetDouble():0.##}") : "—";
        return string.Create(CultureInfo.InvariantCulture, $"{suffix} seq {record.GetProperty("sequence")}: {record.GetProperty("channel").GetString()} {record.GetProperty("start").GetString()} avg={avg}{zs} flag {record.GetProperty("flag").GetString()}, {(record.GetProperty("valid").GetBoolean() ? "valid" : "invalid")} ({record.GetProperty("validCount")} of {record.GetProperty("totalCount")} samples valid)");
    }

    private string? Describe(string topic, JsonElement root)
    {
        var suffix = topic[(topic.IndexOf('/', topic.IndexOf('/', StringComparison.Ordinal) + 1) + 1)..];
        if (root.TryGetProperty("resent", out var resent) && resent.ValueKind == JsonValueKind.True)
        {
            // A history re-send (egw outbox resend, or the platform's history command): the same sequences again.
            suffix += " (re-sent)";
        }

        if (root.TryGetProperty("readings", out var readings))
        {
            return _readings.Add(suffix, root, readings);
        }

        if (root.TryGetProperty("record", out var record))
        {
            return DescribeAggregate(suffix, record);
        }

        if (root.TryGetProperty("records", out var records) && records.ValueKind == JsonValueKind.Array)
        {
            // The batch form: a line per pollutant's record, as the single form prints them.
            var lines = records.EnumerateArray().Select(each => DescribeAggregate(suffix, each)).OfType<string>().ToArray();
            return lines.Length == 0 ? null : string.Join(Environment.NewLine + "         platform ← ", lines);
        }

        if (root.TryGetProperty("event", out var gatewayEvent) && DemoAlarmLine.Describe(gatewayEvent, _colour) is { } alarm)
        {
            return alarm;
        }

        if (root.TryGetProperty("event", out gatewayEvent) && gatewayEvent.TryGetProperty("text", out var eventText))
        {
            // One line a person reads (an alarm, a door, a calibration); the detail is on the topic for a program.
            return $"{suffix} seq {gatewayEvent.GetProperty("sequence")}: {gatewayEvent.GetProperty("kind").GetString()}: {eventText.GetString()}";
        }

        if (root.TryGetProperty("status", out var status))
        {
            // The health document (every minute) is what DemoStatusPrinter's line sums up; online/offline is news.
            return root.TryGetProperty("health", out _) ? null : $"{suffix}: {status.GetString()}";
        }

        return $"{suffix}: {root.GetRawText()}";
    }
}
