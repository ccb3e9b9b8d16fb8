using System.Text;
using System.Text.Json;
using EdgeGateway.Control;
using EdgeGateway.Hosting.Health;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Hardware;

/// <summary>
/// Turns the door switch's settled states into events for the platform and the door's line in the health document.
/// Every state is a <c>door</c> event (the one read at start too, so the platform knows the state after a restart or a
/// power cut); a door that opens, or is open at start, while no maintenance window is open on any channel is also an
/// <c>alarm</c>: an inspector reads an unannounced opening of the cabinet as possible tampering.
/// </summary>
internal sealed partial class CabinetDoorMonitor(Action<GatewayEvent> enqueueEvent, MaintenanceWindows maintenance, ILogger logger)
{
    /// <summary>The <c>source</c> of the door's events.</summary>
    public const string EventSource = "door";

    private DoorHealth _health = DoorHealth.Unknown;

    /// <summary>The door now, for the status topic and <c>egw status</c>.</summary>
    public DoorHealth Health => Volatile.Read(ref _health);

    /// <summary>Records a settled state and queues its events; called by <see cref="DoorSwitch"/> in order.</summary>
    public void Report(DoorChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var state = change.Open ? "open" : "closed";
        IReadOnlyList<(string Channel, DateTimeOffset Until)> windows = change.Open ? maintenance.Open(change.At) : [];
        var alarm = change.Open && windows.Count == 0;
        var text = (change.Open, change.AtStart) switch
        {
            (true, false) => "cabinet door opened",
            (false, false) => "cabinet door closed",
            (true, true) => "cabinet door open at start",
            (false, true) => "cabinet door closed at start",
        };
        Volatile.Write(ref _health, new DoorHealth(state, change.At, alarm));
        enqueueEvent(new GatewayEvent(change.At, GatewayEventKind.Door, EventSource, text, Detail(state, change.AtStart, windows.Count)));
        if (alarm)
        {
            LogAlarm(logger, text);
            enqueueEvent(new GatewayEvent(change.At, GatewayEventKind.Alarm, EventSource, text + " outside maintenance", Detail(state, change.AtStart, 0)));
        }
        else
        {
            LogDoor(logger, text);
        }
    }

    // {"state":"open","atStart":false,"maintenanceChannels":2}: written by hand, no reflection (Native AOT).
    private static string Detail(string state, bool atStart, int maintenanceChannels)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("state", state);
            writer.WriteBoolean("atStart", atStart);
            writer.WriteNumber("maintenanceChannels", maintenanceChannels);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Text}")]
    private static partial void LogDoor(ILogger logger, string text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alarm: {Text} outside maintenance (no maintenance window is open)")]
    private static partial void LogAlarm(ILogger logger, string text);
}
