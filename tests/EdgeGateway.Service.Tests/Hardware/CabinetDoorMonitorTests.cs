using System.Text.Json;
using EdgeGateway.Control;
using EdgeGateway.Hardware;
using EdgeGateway.Pipeline;
using EdgeGateway.Pipeline.Validation;
using EdgeGateway.Primitives.Events;
using EdgeGateway.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>Door events for the platform, and the alarm raised only when no maintenance window is open.</summary>
public sealed class CabinetDoorMonitorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 22, 0, 0, TimeSpan.Zero);

    private readonly ChannelTable _channels = new([new ChannelDefinition(0, "cems", "so2", "a21026", "mg/m³", null), new ChannelDefinition(1, "cems", "nox", "a21002", "mg/m³", null)]);
    private readonly MaintenanceWindows _maintenance;
    private readonly List<GatewayEvent> _events = [];
    private readonly CabinetDoorMonitor _monitor;

    public CabinetDoorMonitorTests()
    {
        _maintenance = new MaintenanceWindows(_channels, new GatewayChannelStateHolder(new GatewayChannelState(_channels.Count)));
        _monitor = new CabinetDoorMonitor(_events.Add, _maintenance, NullLogger.Instance);
    }

    [Fact]
    public void Before_the_switch_is_read_the_door_is_unknown()
    {
        Assert.Equal("unknown", _monitor.Health.State);
        Assert.Null(_monitor.Health.Since);
    }

    [Fact]
    public void Opening_outside_maintenance_is_a_door_event_and_an_alarm_at_the_time_it_opened()
    {
        _monitor.Report(new DoorChange(true, Now, AtStart: false));

        Assert.Collection(
            _events,
            door =>
            {
                Assert.Equal((GatewayEventKind.Door, "door", "cabinet door opened", Now), (door.Kind, door.Source, door.Text, door.Time));
                Assert.Equal("open", Detail(door).GetProperty("state").GetString());
            },
            alarm => Assert.Equal((GatewayEventKind.Alarm, "door", "cabinet door opened outside maintenance", Now), (alarm.Kind, alarm.Source, alarm.Text, alarm.Time)));
        Assert.Equal(new("open", Now, true), _monitor.Health);
    }

    [Fact]
    public void Opening_during_a_maintenance_window_on_any_channel_is_no_alarm()
    {
        Assert.True(_maintenance.TrySelect(null, "cems.nox", out var selected, out _));
        _maintenance.Start(selected, Now.AddHours(1));

        _monitor.Report(new DoorChange(true, Now, AtStart: false));

        var door = Assert.Single(_events);
        Assert.Equal(GatewayEventKind.Door, door.Kind);
        Assert.Equal(1, Detail(door).GetProperty("maintenanceChannels").GetInt32());
        Assert.Equal(new("open", Now, false), _monitor.Health);
    }

    [Fact]
    public void A_window_that_has_ended_does_not_cover_the_opening()
    {
        Assert.True(_maintenance.TrySelect("cems", null, out var selected, out _));
        _maintenance.Start(selected, Now.AddMinutes(-1));

        _monitor.Report(new DoorChange(true, Now, AtStart: false));

        Assert.Equal([GatewayEventKind.Door, GatewayEventKind.Alarm], _events.Select(gatewayEvent => gatewayEvent.Kind));
    }

    [Fact]
    public void Closing_is_a_door_event_only_and_clears_the_alarm_of_the_health()
    {
        _monitor.Report(new DoorChange(true, Now, AtStart: false));
        _monitor.Report(new DoorChange(false, Now.AddMinutes(3), AtStart: false));

        var closed = _events[^1];
        Assert.Equal((GatewayEventKind.Door, "cabinet door closed"), (closed.Kind, closed.Text));
        Assert.Equal(3, _events.Count);
        Assert.Equal(new("closed", Now.AddMinutes(3), false), _monitor.Health);
    }

    [Fact]
    public void The_state_at_start_is_announced_and_an_open_door_then_is_an_alarm_too()
    {
        _monitor.Report(new DoorChange(true, Now, AtStart: true));

        Assert.Equal(["cabinet door open at start", "cabinet door open at start outside maintenance"], _events.Select(gatewayEvent => gatewayEvent.Text));
        Assert.True(Detail(_events[0]).GetProperty("atStart").GetBoolean());
    }

    private static JsonElement Detail(GatewayEvent gatewayEvent) => JsonDocument.Parse(gatewayEvent.DetailJson!).RootElement;
}
