using System.Globalization;
using System.Text.Json;
using EdgeGateway.Interop.Tests.Service;

namespace EdgeGateway.Interop.Tests.Alarms;

/// <summary>An <c>alarm</c> event as the platform received it on <c>{root}/events</c> (docs/platform-contract.md).</summary>
internal sealed record AlarmEvent(DateTimeOffset Time, string Key, string Rule, string Change, string Text)
{
    /// <summary>The limit alarms among the platform's events, in the order received; door and climate alarms are left out.</summary>
    public static List<AlarmEvent> Read(PlatformSubscriber platform)
    {
        var events = new List<AlarmEvent>();
        foreach (var message in platform.Messages.Where(message => message.Topic.EndsWith("/events", StringComparison.Ordinal)))
        {
            using var document = JsonDocument.Parse(message.Payload);
            var e = document.RootElement.GetProperty("event");
            if (e.GetProperty("kind").GetString() != "alarm" || !e.TryGetProperty("detail", out var detail) || !detail.TryGetProperty("alarm", out var alarm))
            {
                continue;
            }

            events.Add(new AlarmEvent(
                DateTimeOffset.Parse(e.GetProperty("time").GetString()!, CultureInfo.InvariantCulture),
                alarm.GetProperty("key").GetString()!,
                alarm.GetProperty("rule").GetString()!,
                detail.GetProperty("change").GetString()!,
                e.GetProperty("text").GetString()!));
        }

        return events;
    }
}
